using ForgetCloud.Contracts.Configuration;
using ForgetCloud.Learning.Study;
using static ForgetCloud.Learning.Tests.Study.StudyScenario;
using ForgetCloud.Contracts.Lifecycle;

namespace ForgetCloud.Learning.Tests.Study;

public class StudyWorkflowFailureTests
{
    const string A = "adamw_seed0";

    [Fact]
    public void DeadTrainerIsReplacedByATrainStageResumingFromTheLatestCheckpoint()
    {
        var state = Running(OneArm());
        Step(ref state, new StageCheckpointSaved(A, 1, Ckpt(A, 1, 10), false));
        Step(ref state, new StageCheckpointSaved(A, 1, Ckpt(A, 1, 20), false));

        var retry = Step(ref state, new StageFailed(A, 1, "trainer process exited", 1));
        Assert.Equal([new TrainStage(A, "adamw", 0, 1, null, Ckpt(A, 1, 20), 2)], retry.Commands.ToArray());
        Assert.Equal("trainer process exited", Stage(state, A, 1).LastFailure);

        // A late checkpoint of the dead attempt does not move the resume point back.
        AssertIgnored(state, StudyWorkflow.Apply(state, new StageCheckpointSaved(A, 1, Ckpt(A, 1, 10), false)));
        var done = Step(ref state, new StageCheckpointSaved(A, 1, Ckpt(A, 1, 30), true));
        Assert.Equal(2, done.Commands.Length);
    }

    [Fact]
    public void StageTwoRetryStartsFromStageOneAndResumesFromItsOwnCheckpoint()
    {
        var state = Running(OneArm());
        Step(ref state, new StageCheckpointSaved(A, 1, Ckpt(A, 1, 30), true));
        Step(ref state, new StageCheckpointSaved(A, 2, Ckpt(A, 2, 5), false));
        var retry = Step(ref state, new StageFailed(A, 2, "preempted", 1));
        Assert.Equal([new TrainStage(A, "adamw", 0, 2, Ckpt(A, 1, 30), Ckpt(A, 2, 5), 2)], retry.Commands.ToArray());
    }

    [Fact]
    public void TrainingRetryBudgetExhaustedFailsTheStudyNamingArmStageAndReason()
    {
        var state = Running(OneArm(maxAttempts: 3));
        Step(ref state, new StageFailed(A, 1, "nan loss", 1));
        Step(ref state, new StageFailed(A, 1, "nan loss", 2));
        var last = Step(ref state, new StageFailed(A, 1, "nan loss", 3));

        const string reason = "arm adamw_seed0 stage 1: training failed after 3 attempts: nan loss";
        Assert.Equal([new CancelWork(reason), new FailStudy(reason)], last.Commands.ToArray());
        Assert.Equal(StudyStatus.Failed, state.Status);
        Assert.Equal(reason, state.StatusReason);
        Assert.Equal(StageStatus.Failed, Stage(state, A, 1).Status);
        AssertIgnored(state, StudyWorkflow.Apply(state, new CheckpointEvaluated(A, 0, EvalRef(A, 0))));
    }

    [Fact]
    public void A_failed_copy_of_the_base_evaluation_is_retried_as_a_copy_of_the_same_result()
    {
        var state = Running(CompareTwoSeeds());
        var source = new EvaluationRef(A, 0, EvalRef(A, 0));
        Step(ref state, new CheckpointEvaluated(A, 0, source.ResultRef));
        var retry = Step(ref state, new EvaluationFailed("muon_seed1", 0, "blob timeout", 1));
        Assert.Equal([new EvaluateCheckpoint("muon_seed1", 0, null, 2) { CopyOf = source }], retry.Commands.ToArray());
        Assert.Empty(Step(ref state, new CheckpointEvaluated("muon_seed1", 0, EvalRef("muon_seed1", 0))).Commands);
        Assert.Equal(StageStatus.Evaluated, Stage(state, "muon_seed1", 0).Status);
    }

    [Fact]
    public void A_base_evaluation_of_a_later_arm_before_the_first_arms_was_never_issued()
    {
        var state = Running(CompareTwoSeeds());
        Assert.Throws<InvalidOperationException>(() => StudyWorkflow.Apply(state, new CheckpointEvaluated("muon_seed0", 0, EvalRef("muon_seed0", 0))));
    }

    [Fact]
    public void EvaluationRetryBudgetExhaustedFailsTheStudy()
    {
        var state = Running(OneArm(maxAttempts: 2));
        var retry = Step(ref state, new EvaluationFailed(A, 0, "bad shard", 1));
        Assert.Equal([new EvaluateCheckpoint(A, 0, null, 2)], retry.Commands.ToArray());
        var last = Step(ref state, new EvaluationFailed(A, 0, "bad shard", 2));
        Assert.Equal(StudyStatus.Failed, state.Status);
        Assert.Equal(new FailStudy("arm adamw_seed0 stage 0: evaluation failed after 2 attempts: bad shard"), last.Commands[^1]);
    }

    [Fact]
    public void A_preparation_failure_fails_the_study_at_once_with_the_reason()
    {
        var state = StudyWorkflow.Apply(StudyState.New("r1"), new StudyStarted(OneArm())).State;

        var failed = Step(ref state, new PreparationFailed("model '/models/missing' is not an existing directory"));

        const string reason = "dataset preparation failed: model '/models/missing' is not an existing directory";
        Assert.Equal([new FailStudy(reason)], failed.Commands.ToArray());
        Assert.Equal((StudyStatus.Failed, reason), (state.Status, state.StatusReason));
        Assert.All(state.Arms.Single().Stages, s => Assert.Equal(StageStatus.Pending, s.Status));
        // The study is over: a late DatasetsPrepared (or the same failure again) changes nothing.
        AssertIgnored(state, StudyWorkflow.Apply(state, new DatasetsPrepared(Datasets)));
        AssertIgnored(state, StudyWorkflow.Apply(state, new PreparationFailed("again")));
    }

    [Fact]
    public void A_preparation_failure_after_the_datasets_arrived_is_ignored()
    {
        var state = Running(OneArm());

        AssertIgnored(state, StudyWorkflow.Apply(state, new PreparationFailed("a stale delivery")));
    }

    [Fact]
    public void An_analysis_failure_fails_the_study_and_keeps_every_evaluation()
    {
        var state = Running(OneArm());
        Step(ref state, new StageCheckpointSaved(A, 1, Ckpt(A, 1, 30), true));
        Step(ref state, new StageCheckpointSaved(A, 2, Ckpt(A, 2, 30), true));
        foreach (var stage in (int[])[0, 1, 2])
            Step(ref state, new CheckpointEvaluated(A, stage, EvalRef(A, stage)));
        Assert.Equal(StudyStatus.Analyzing, state.Status);
        // Before the analysis is asked for, an analysis failure is not believed.
        var running = Running(OneArm());
        AssertIgnored(running, StudyWorkflow.Apply(running, new AnalysisFailed("early")));

        var failed = Step(ref state, new AnalysisFailed("IOException: disk full"));

        Assert.Equal([new FailStudy("analysis failed: IOException: disk full")], failed.Commands.ToArray());
        Assert.Equal(StudyStatus.Failed, state.Status);
        Assert.All(state.Arms.Single().Stages, s => Assert.Equal(StageStatus.Evaluated, s.Status));
        AssertIgnored(state, StudyWorkflow.Apply(state, new AnalysisCompleted("late")));
    }

    [Fact]
    public void CancelStopsAllWork()
    {
        var state = Running(CompareTwoSeeds());
        var t = Step(ref state, new CancelRequested("user pressed Ctrl-C"));
        Assert.Equal([new CancelWork("user pressed Ctrl-C")], t.Commands.ToArray());
        Assert.Equal(StudyStatus.Cancelled, state.Status);
        Assert.Equal("user pressed Ctrl-C", state.StatusReason);
    }

    [Fact]
    public void EventsNoExecutorCanProduceThrow()
    {
        var fresh = StudyState.New("r1");
        Assert.Throws<InvalidOperationException>(() => StudyWorkflow.Apply(fresh, new DatasetsPrepared(Datasets)));

        var state = Running(OneArm());
        var ex = Assert.Throws<InvalidOperationException>(() => StudyWorkflow.Apply(state, new StageCheckpointSaved(A, 2, Ckpt(A, 2, 5), true)));
        Assert.Contains("stage 2", ex.Message);
        Assert.Throws<InvalidOperationException>(() => StudyWorkflow.Apply(state, new CheckpointEvaluated(A, 1, "x")));
        Assert.Throws<InvalidOperationException>(() => StudyWorkflow.Apply(state, new StageFailed(A, 1, "x", 2)));
        Assert.Throws<InvalidOperationException>(() => StudyWorkflow.Apply(state, new StageCheckpointSaved(A, 0, Ckpt(A, 0, 5), true)));
        Assert.Throws<InvalidOperationException>(() => StudyWorkflow.Apply(state, new AnalysisCompleted("r")));
        Assert.Throws<InvalidOperationException>(() => StudyWorkflow.Apply(state, new StudyStarted(CompareTwoSeeds())));
    }

    [Fact]
    public void InvalidOptionsAreRejectedWithTheProblemNamed()
    {
        var duplicate = new StudyOptions(ConfigRef, [ArmSpec.For(OptimizerKind.AdamW, 0), ArmSpec.For(OptimizerKind.AdamW, 0)]);
        var ex = Assert.Throws<ArgumentException>(() => StudyWorkflow.Apply(StudyState.New("r1"), new StudyStarted(duplicate)));
        Assert.Contains("adamw_seed0", ex.Message);
        Assert.Throws<ArgumentException>(() => StudyWorkflow.Apply(StudyState.New("r1"), new StudyStarted(new StudyOptions(ConfigRef, []))));
        Assert.Throws<ArgumentException>(() => StudyWorkflow.Apply(StudyState.New("r1"), new StudyStarted(OneArm(maxAttempts: 0))));
    }
}
