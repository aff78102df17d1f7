using ForgetCloud.Contracts.Configuration;
using System.Text.Json;
using ForgetCloud.Learning.Study;
using static ForgetCloud.Learning.Tests.Study.StudyScenario;

namespace ForgetCloud.Learning.Tests.Study;

public class StudyStateJsonTests
{
    const string A = "adamw_seed0";

    static StudyState MidRun()
    {
        var state = Running(CompareTwoSeeds() with { MaxAttempts = 4 });
        Step(ref state, new StageProgress(A, 1, 7, 30));
        Step(ref state, new StageCheckpointSaved(A, 1, Ckpt(A, 1, 10), false));
        Step(ref state, new StageFailed(A, 1, "killed", 1));
        Step(ref state, new StageCheckpointSaved("muon_seed1", 1, Ckpt("muon_seed1", 1, 30), true));
        Step(ref state, new CheckpointEvaluated(A, 0, EvalRef(A, 0)));
        Step(ref state, new CheckpointEvaluated("muon_seed1", 0, EvalRef("muon_seed1", 0)));
        return state;
    }

    [Fact]
    public void StateRoundTripsAndKeepsWorking()
    {
        var state = MidRun();
        var json = JsonSerializer.Serialize(state);
        var back = JsonSerializer.Deserialize<StudyState>(json)!;

        Assert.Equal(state, back);
        Assert.Equal(json, JsonSerializer.Serialize(back));
        Assert.DoesNotContain("IsDone", json); // derived values are not stored
        Assert.Contains("\"Training\"", json); // enums are stored by name, so reordering them cannot corrupt stored runs

        // The restored state makes the same decisions as the original.
        var next = new StageCheckpointSaved(A, 1, Ckpt(A, 1, 30), true);
        var fromOriginal = StudyWorkflow.Apply(state, next);
        var fromRestored = StudyWorkflow.Apply(back, next);
        Assert.Equal(fromOriginal.Commands.ToArray(), fromRestored.Commands.ToArray());
        Assert.Equal(fromOriginal.State, fromRestored.State);
    }

    [Fact]
    public void StateEqualityIsByValue()
    {
        Assert.Equal(MidRun(), MidRun());
        var state = MidRun();
        Assert.NotEqual(state, StudyWorkflow.Apply(state, new StageProgress(A, 1, 12)).State);
    }

    [Fact]
    public void EventsAndCommandsRoundTripThroughTheirBaseType()
    {
        StudyEvent[] events =
        [
            new StudyStarted(OneArm()), new DatasetsPrepared(Datasets), new StageProgress(A, 1, 3, 9),
            new StageCheckpointSaved(A, 1, Ckpt(A, 1, 3), false), new CheckpointEvaluated(A, 0, "e"),
            new StageFailed(A, 1, "r", 1), new EvaluationFailed(A, 0, "r", 1), new CancelRequested("c"), new AnalysisCompleted("rep"),
            new PreparationFailed("p"), new AnalysisFailed("a"),
        ];
        foreach (var e in events)
            Assert.Equal(e, JsonSerializer.Deserialize<StudyEvent>(JsonSerializer.Serialize<StudyEvent>(e)));

        StudyCommand[] commands =
        [
            new PrepareDatasets("c"), new EvaluateCheckpoint(A, 0, null, 1), new EvaluateCheckpoint("muon_seed0", 0, null, 1) { CopyOf = new EvaluationRef(A, 0, "e") }, new TrainStage(A, "muon", 1, 2, Ckpt(A, 1, 3), null, 2),
            new AnalyzeStudy([new EvaluationRef(A, 0, "e")]) { Arms = [ArmSpec.For(OptimizerKind.Muon, 1)], NotEvaluated = ["x stage 1"] }, new CompleteStudy("rep"), new FailStudy("f"), new CancelWork("c"),
        ];
        foreach (var c in commands)
            Assert.Equal(c, JsonSerializer.Deserialize<StudyCommand>(JsonSerializer.Serialize<StudyCommand>(c)));
    }
}
