using ForgetCloud.Contracts.Configuration;
using ForgetCloud.Learning.Study;
using static ForgetCloud.Learning.Tests.Study.StudyScenario;
using ForgetCloud.Contracts.Lifecycle;

namespace ForgetCloud.Learning.Tests.Study;

public class StudyWorkflowOptionsTests
{
    const string A = "adamw_seed0";
    static readonly CheckpointRef R1 = new("old/checkpoints/stage1_checkpoint_epoch_1_step_200", 200);
    static readonly CheckpointRef R2 = new("old/checkpoints/stage2_checkpoint_epoch_0_step_50", 50);

    static StudyOptions Arm(bool skipTraining = false, CheckpointRef? resume1 = null, CheckpointRef? resume2 = null) =>
        new(ConfigRef, [ArmSpec.For(OptimizerKind.AdamW, 0)], skipTraining, ResumeStage1: resume1, ResumeStage2: resume2);

    static StudyTransition Prepare(StudyOptions options, out StudyState state)
    {
        state = StudyWorkflow.Apply(StudyState.New("r1"), new StudyStarted(options)).State;
        return Step(ref state, new DatasetsPrepared(Datasets));
    }

    [Fact]
    public void SkipTrainingEvaluatesOnlyTheBase()
    {
        var prepared = Prepare(Arm(skipTraining: true), out var state);
        Assert.Equal([new EvaluateCheckpoint(A, 0, null, 1)], prepared.Commands.ToArray());
        Assert.Equal(StageStatus.Skipped, Stage(state, A, 1).Status);
        Assert.Equal(StageStatus.Skipped, Stage(state, A, 2).Status);

        var done = Step(ref state, new CheckpointEvaluated(A, 0, EvalRef(A, 0)));
        // The workflow says what was skipped: both executors then write metadata, no forgetting analysis, and the
        // study completes (a distributed run failed in the analyzer: "Arm 'adamw' has no evaluation of stage 1").
        var analyze = Assert.IsType<AnalyzeStudy>(Assert.Single(done.Commands));
        Assert.Equal([new EvaluationRef(A, 0, EvalRef(A, 0))], analyze.Evaluations.ToArray());
        Assert.Equal([$"{A} stage 1", $"{A} stage 2"], analyze.NotEvaluated.ToArray());
        Assert.False(analyze.CanAnalyze);
        var completed = Step(ref state, new AnalysisCompleted("report/experiment_metadata.json"));
        Assert.Equal(StudyStatus.Completed, state.Status);
        Assert.Equal([new CompleteStudy("report/experiment_metadata.json")], completed.Commands.ToArray());
    }

    [Fact]
    public void SkipTrainingEvaluatesTheGivenCheckpointsAsTheirStages()
    {
        var prepared = Prepare(Arm(skipTraining: true, resume1: R1, resume2: R2), out var state);
        Assert.Equal([new EvaluateCheckpoint(A, 0, null, 1), new EvaluateCheckpoint(A, 1, R1, 1), new EvaluateCheckpoint(A, 2, R2, 1)],
            prepared.Commands.ToArray());
        Assert.DoesNotContain(prepared.Commands, c => c is TrainStage);
    }

    [Fact]
    public void ResumeStage1ContinuesStageOneTrainingFromTheCheckpoint()
    {
        var prepared = Prepare(Arm(resume1: R1), out var state);
        Assert.Equal([new EvaluateCheckpoint(A, 0, null, 1), new TrainStage(A, "adamw", 0, 1, null, R1, 1)], prepared.Commands.ToArray());
        Assert.Equal(200, Stage(state, A, 1).Step);
        // Checkpoints older than the one resumed from are not resume points.
        AssertIgnored(state, StudyWorkflow.Apply(state, new StageCheckpointSaved(A, 1, Ckpt(A, 1, 150), false)));
    }

    [Fact]
    public void ResumeStage2AloneSkipsStageOneAndContinuesStageTwo()
    {
        var prepared = Prepare(Arm(resume2: R2), out var state);
        Assert.Equal([new EvaluateCheckpoint(A, 0, null, 1), new TrainStage(A, "adamw", 0, 2, null, R2, 1)], prepared.Commands.ToArray());
        Assert.Equal(StageStatus.Skipped, Stage(state, A, 1).Status);

        Step(ref state, new StageCheckpointSaved(A, 2, Ckpt(A, 2, 80), true));
        Step(ref state, new CheckpointEvaluated(A, 0, EvalRef(A, 0)));
        var done = Step(ref state, new CheckpointEvaluated(A, 2, EvalRef(A, 2)));
        Assert.Equal([new AnalyzeStudy([new EvaluationRef(A, 0, EvalRef(A, 0)), new EvaluationRef(A, 2, EvalRef(A, 2))]) { Arms = Arm().Arms, NotEvaluated = [$"{A} stage 1"] }], done.Commands.ToArray());
    }

    [Fact]
    public void BothResumeFlagsResumeStageOneThenStageTwoFromItsCheckpoint()
    {
        var prepared = Prepare(Arm(resume1: R1, resume2: R2), out var state);
        Assert.Equal(new TrainStage(A, "adamw", 0, 1, null, R1, 1), prepared.Commands[1]);

        var s1 = Step(ref state, new StageCheckpointSaved(A, 1, R1, true));
        Assert.Equal([new TrainStage(A, "adamw", 0, 2, R1, R2, 1), new EvaluateCheckpoint(A, 1, R1, 1)], s1.Commands.ToArray());
    }
}
