using ForgetCloud.Contracts.Configuration;
using ForgetCloud.Learning.Study;
using static ForgetCloud.Learning.Tests.Study.StudyScenario;
using ForgetCloud.Contracts.Lifecycle;

namespace ForgetCloud.Learning.Tests.Study;

public class StudyWorkflowHappyPathTests
{
    const string A = "adamw_seed0";

    /// <summary>The full one-arm study, with the stage-2 result arriving before stage 1's (out of order but valid).</summary>
    public static IReadOnlyList<(StudyEvent Event, StudyCommand[] Expected, StudyStatus Status)> OneArmHistory() =>
    [
        (new StudyStarted(OneArm()), [new PrepareDatasets(ConfigRef)], StudyStatus.Preparing),
        (new DatasetsPrepared(Datasets),
            [new EvaluateCheckpoint(A, 0, null, 1), new TrainStage(A, "adamw", 0, 1, null, null, 1)], StudyStatus.Running),
        (new StageProgress(A, 1, 5, 30), [], StudyStatus.Running),
        (new StageCheckpointSaved(A, 1, Ckpt(A, 1, 10), false), [], StudyStatus.Running),
        (new StageProgress(A, 1, 25, 30), [], StudyStatus.Running),
        (new StageCheckpointSaved(A, 1, Ckpt(A, 1, 30), true),
            [new TrainStage(A, "adamw", 0, 2, Ckpt(A, 1, 30), null, 1), new EvaluateCheckpoint(A, 1, Ckpt(A, 1, 30), 1)], StudyStatus.Running),
        (new CheckpointEvaluated(A, 0, EvalRef(A, 0)), [], StudyStatus.Running),
        (new StageCheckpointSaved(A, 2, Ckpt(A, 2, 20), true), [new EvaluateCheckpoint(A, 2, Ckpt(A, 2, 20), 1)], StudyStatus.Running),
        (new CheckpointEvaluated(A, 2, EvalRef(A, 2)), [], StudyStatus.Running),
        (new CheckpointEvaluated(A, 1, EvalRef(A, 1)),
            [new AnalyzeStudy([new(A, 0, EvalRef(A, 0)), new(A, 1, EvalRef(A, 1)), new(A, 2, EvalRef(A, 2))]) { Arms = OneArm().Arms }], StudyStatus.Analyzing),
        (new AnalysisCompleted("runs/r1/report"), [new CompleteStudy("runs/r1/report")], StudyStatus.Completed),
    ];

    [Fact]
    public void OneArmRunsEveryStageInOrderAndCompletes()
    {
        var state = StudyState.New("r1");
        var history = OneArmHistory();
        foreach (var (e, expected, status) in history)
        {
            var t = Step(ref state, e);
            Assert.False(t.WasIgnored, $"{e} was ignored: {t.IgnoredReason}");
            Assert.Equal(expected, t.Commands.ToArray());
            Assert.Equal(status, state.Status);
        }
        Assert.Equal(history.Count, state.Version);
        Assert.Equal("runs/r1/report", state.ReportRef);
        Assert.Equal(Ckpt(A, 1, 30), Stage(state, A, 1).FinalCheckpoint);
        Assert.Equal(30, Stage(state, A, 1).Step);
        Assert.Equal(30, Stage(state, A, 1).TotalSteps);
        Assert.All(state.Arms[0].Stages, s => Assert.Equal(StageStatus.Evaluated, s.Status));
    }

    [Fact]
    public void StageTwoTrainsWhileStageOneIsEvaluated()
    {
        var state = Running(OneArm());
        var t = Step(ref state, new StageCheckpointSaved(A, 1, Ckpt(A, 1, 30), true));

        Assert.Equal([typeof(TrainStage), typeof(EvaluateCheckpoint)], t.Commands.Select(c => c.GetType()).ToArray());
        Assert.Equal(StageStatus.Evaluating, Stage(state, A, 1).Status);
        Assert.Equal(StageStatus.Training, Stage(state, A, 2).Status);

        // Stage 2 finishes (and is evaluated) before stage 1's evaluation comes back.
        Step(ref state, new StageCheckpointSaved(A, 2, Ckpt(A, 2, 20), true));
        Step(ref state, new CheckpointEvaluated(A, 2, EvalRef(A, 2)));
        Step(ref state, new CheckpointEvaluated(A, 0, EvalRef(A, 0)));
        Assert.Equal(StudyStatus.Running, state.Status);
        var last = Step(ref state, new CheckpointEvaluated(A, 1, EvalRef(A, 1)));
        Assert.Equal(StudyStatus.Analyzing, state.Status);
        Assert.IsType<AnalyzeStudy>(Assert.Single(last.Commands));
    }

    [Fact]
    public void CompareOptimizersWithTwoSeedsIssuesEveryCommandInOrder()
    {
        string[] arms = ["adamw_seed0", "adamw_seed1", "muon_seed0", "muon_seed1"];
        var state = StudyState.New("r1");

        var started = Step(ref state, new StudyStarted(CompareTwoSeeds()));
        Assert.Equal([new PrepareDatasets(ConfigRef)], started.Commands.ToArray());
        Assert.Equal(arms, state.Arms.Select(a => a.ArmId).ToArray());

        var prepared = Step(ref state, new DatasetsPrepared(Datasets));
        // The base model is every arm's: only the first arm evaluates it; every arm starts training at once.
        StudyCommand[] expectedStart =
        [
            new EvaluateCheckpoint("adamw_seed0", 0, null, 1), new TrainStage("adamw_seed0", "adamw", 0, 1, null, null, 1),
            new TrainStage("adamw_seed1", "adamw", 1, 1, null, null, 1),
            new TrainStage("muon_seed0", "muon", 0, 1, null, null, 1),
            new TrainStage("muon_seed1", "muon", 1, 1, null, null, 1),
        ];
        Assert.Equal(expectedStart, prepared.Commands.ToArray());
        Assert.All(state.Arms.Skip(1), a => Assert.Equal(StageStatus.Pending, a.Stage(0).Status));

        // Its result is copied to every other arm, naming the evaluation to copy.
        var baseRef = new EvaluationRef("adamw_seed0", 0, EvalRef("adamw_seed0", 0));
        var based = Step(ref state, new CheckpointEvaluated("adamw_seed0", 0, baseRef.ResultRef));
        Assert.Equal([.. arms.Skip(1).Select(arm => new EvaluateCheckpoint(arm, 0, null, 1) { CopyOf = baseRef })], based.Commands.ToArray());

        // Arms progress interleaved, in reverse order, to show they are independent.
        foreach (var arm in arms.Reverse())
        {
            var (optimizer, seed) = (arm[..arm.IndexOf('_')], arm[^1] - '0');
            var s1 = Step(ref state, new StageCheckpointSaved(arm, 1, Ckpt(arm, 1, 40), true));
            Assert.Equal([new TrainStage(arm, optimizer, seed, 2, Ckpt(arm, 1, 40), null, 1), new EvaluateCheckpoint(arm, 1, Ckpt(arm, 1, 40), 1)],
                s1.Commands.ToArray());
        }
        foreach (var arm in arms)
        {
            var s2 = Step(ref state, new StageCheckpointSaved(arm, 2, Ckpt(arm, 2, 40), true));
            Assert.Equal([new EvaluateCheckpoint(arm, 2, Ckpt(arm, 2, 40), 1)], s2.Commands.ToArray());
        }
        var results = arms.SelectMany(arm => new[] { 2, 0, 1 }.Select(stage => new CheckpointEvaluated(arm, stage, EvalRef(arm, stage))))
            .Where(e => !(e.ArmId == arms[0] && e.Stage == 0)).ToList();
        foreach (var e in results.SkipLast(1))
            Assert.Empty(Step(ref state, e).Commands);
        var analyze = Step(ref state, results[^1]);

        // Analysis lists arms in study order and stages ascending, whatever order the results came in.
        var expectedRefs = arms.SelectMany(arm => Enumerable.Range(0, 3).Select(stage => new EvaluationRef(arm, stage, EvalRef(arm, stage)))).ToArray();
        Assert.Equal([new AnalyzeStudy([.. expectedRefs]) { Arms = CompareTwoSeeds().Arms }], analyze.Commands.ToArray());
        Assert.Equal([new CompleteStudy("rep")], Step(ref state, new AnalysisCompleted("rep")).Commands.ToArray());
        Assert.Equal(StudyStatus.Completed, state.Status);
        Assert.Equal(2 + 4 + 4 + 12 + 1, state.Version);
    }
}
