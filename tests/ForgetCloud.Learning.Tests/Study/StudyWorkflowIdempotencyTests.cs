using ForgetCloud.Contracts.Configuration;
using ForgetCloud.Learning.Study;
using static ForgetCloud.Learning.Tests.Study.StudyScenario;
using ForgetCloud.Contracts.Lifecycle;

namespace ForgetCloud.Learning.Tests.Study;

public class StudyWorkflowIdempotencyTests
{
    const string A = "adamw_seed0";

    [Fact]
    public void EveryEarlierEventRedeliveredAtAnyLaterPointChangesNothing()
    {
        var history = StudyWorkflowHappyPathTests.OneArmHistory().Select(h => h.Event).ToList();
        var state = StudyState.New("r1");
        for (var i = 0; i < history.Count; i++)
        {
            Step(ref state, history[i]);
            // Every event type of the study appears in the history; each is a duplicate from here on.
            foreach (var earlier in history.Take(i + 1))
                AssertIgnored(state, StudyWorkflow.Apply(state, earlier));
        }
        Assert.Equal(StudyStatus.Completed, state.Status);
    }

    [Fact]
    public void DuplicateFinalCheckpointGivesOneEvaluationAndOneStageTwoTraining()
    {
        var state = Running(OneArm());
        var first = Step(ref state, new StageCheckpointSaved(A, 1, Ckpt(A, 1, 30), true));
        Assert.Equal(2, first.Commands.Length);

        AssertIgnored(state, StudyWorkflow.Apply(state, new StageCheckpointSaved(A, 1, Ckpt(A, 1, 30), true)));
        // A trainer re-running the finished stage may save its final checkpoint elsewhere: still one evaluation.
        AssertIgnored(state, StudyWorkflow.Apply(state, new StageCheckpointSaved(A, 1, new CheckpointRef("elsewhere", 31), true)));
    }

    [Fact]
    public void StaleIntermediateCheckpointsAndProgressAreIgnored()
    {
        var state = Running(OneArm());
        Step(ref state, new StageCheckpointSaved(A, 1, Ckpt(A, 1, 20), false));
        Step(ref state, new StageProgress(A, 1, 25));

        AssertIgnored(state, StudyWorkflow.Apply(state, new StageCheckpointSaved(A, 1, Ckpt(A, 1, 10), false)));
        AssertIgnored(state, StudyWorkflow.Apply(state, new StageProgress(A, 1, 25)));
        AssertIgnored(state, StudyWorkflow.Apply(state, new StageProgress(A, 1, 12)));
        Assert.Equal(Ckpt(A, 1, 20), Stage(state, A, 1).ResumePoint);
        Assert.Equal(25, Stage(state, A, 1).Step);
    }

    [Fact]
    public void DuplicateFailuresRetryOnce()
    {
        var state = Running(OneArm());
        Assert.Single(Step(ref state, new StageFailed(A, 1, "oom", 1)).Commands);
        AssertIgnored(state, StudyWorkflow.Apply(state, new StageFailed(A, 1, "oom", 1)));

        Assert.Single(Step(ref state, new EvaluationFailed(A, 0, "disk", 1)).Commands);
        AssertIgnored(state, StudyWorkflow.Apply(state, new EvaluationFailed(A, 0, "disk", 1)));
    }

    [Fact]
    public void DuplicateCancelAndEventsAfterTheEndAreIgnored()
    {
        var state = Running(OneArm());
        Step(ref state, new CancelRequested("user"));
        AssertIgnored(state, StudyWorkflow.Apply(state, new CancelRequested("user")));
        AssertIgnored(state, StudyWorkflow.Apply(state, new StageCheckpointSaved(A, 1, Ckpt(A, 1, 30), true)));
        AssertIgnored(state, StudyWorkflow.Apply(state, new CheckpointEvaluated(A, 0, EvalRef(A, 0))));
    }

    [Fact]
    public void EventsForUnknownArmsAreIgnoredWithTheArmNamed()
    {
        var state = Running(OneArm());
        var t = StudyWorkflow.Apply(state, new StageCheckpointSaved("sgd-s9", 1, Ckpt("sgd-s9", 1, 30), true));
        AssertIgnored(state, t);
        Assert.Contains("sgd-s9", t.IgnoredReason);
        AssertIgnored(state, StudyWorkflow.Apply(state, new CheckpointEvaluated("sgd-s9", 0, "x")));
        AssertIgnored(state, StudyWorkflow.Apply(state, new StageFailed("sgd-s9", 1, "x", 1)));
    }
}
