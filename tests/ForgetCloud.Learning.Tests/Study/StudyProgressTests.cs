using ForgetCloud.Contracts.Configuration;
using ForgetCloud.Learning.Study;
using static ForgetCloud.Learning.Tests.Study.StudyScenario;

namespace ForgetCloud.Learning.Tests.Study;

public class StudyProgressTests
{
    const string A = "adamw_seed0";

    [Fact]
    public void FractionCountsEvaluationsTrainingsAndAnalysis()
    {
        // One arm = 3 evaluations + 2 trainings + 1 analysis = 6 units.
        var state = Running(OneArm());
        Assert.Equal(0.0, StudyProgress.Of(state).Fraction);

        Step(ref state, new StageProgress(A, 1, 15, 30));
        Assert.Equal(0.5 / 6, StudyProgress.Of(state).Fraction, 12);

        Step(ref state, new StageCheckpointSaved(A, 1, Ckpt(A, 1, 30), true));
        Step(ref state, new CheckpointEvaluated(A, 0, EvalRef(A, 0)));
        var p = StudyProgress.Of(state);
        Assert.Equal(2.0 / 6, p.Fraction, 12);
        Assert.Equal((1, 3, 1, 2), (p.EvaluationsDone, p.EvaluationsTotal, p.TrainingsDone, p.TrainingsTotal));

        Step(ref state, new StageCheckpointSaved(A, 2, Ckpt(A, 2, 30), true));
        Step(ref state, new CheckpointEvaluated(A, 1, EvalRef(A, 1)));
        Step(ref state, new CheckpointEvaluated(A, 2, EvalRef(A, 2)));
        Assert.Equal(5.0 / 6, StudyProgress.Of(state).Fraction, 12);
        Step(ref state, new AnalysisCompleted("rep"));
        Assert.Equal(1.0, StudyProgress.Of(state).Fraction, 12);
    }

    [Fact]
    public void SkippedStagesCountAsDone()
    {
        var state = Running(OneArm() with { SkipTraining = true });
        // Two skipped stages: their 2 evaluations + 2 trainings are done out of 6 units.
        Assert.Equal(4.0 / 6, StudyProgress.Of(state).Fraction, 12);
    }
}
