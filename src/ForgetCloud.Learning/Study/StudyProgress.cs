using ForgetCloud.Contracts.Lifecycle;
namespace ForgetCloud.Learning.Study;

/// <summary>
/// How far a study has come, for the Api and progress bars. Each arm counts five units of work (three evaluations,
/// two trainings; a skipped stage counts as done), plus one unit for the analysis. A training in flight counts
/// Step / TotalSteps of its unit when the trainer reported its total, otherwise nothing yet.
/// </summary>
public sealed record StudyProgress(double Fraction, int EvaluationsDone, int EvaluationsTotal, int TrainingsDone, int TrainingsTotal)
{
    public static StudyProgress Of(StudyState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        var stages = state.Arms.SelectMany(a => a.Stages).ToList();
        var trainable = stages.Where(s => s.Stage > 0).ToList();
        var evaluationsDone = stages.Count(s => s.IsDone);
        var trainingsDone = trainable.Count(s => s.IsDone || s.Status == StageStatus.Evaluating);
        var trainingInFlight = trainable
            .Where(s => s.Status == StageStatus.Training && s.TotalSteps is > 0)
            .Sum(s => Math.Clamp((double)s.Step / s.TotalSteps!.Value, 0, 1));

        var units = stages.Count + trainable.Count + 1;
        var done = evaluationsDone + trainingsDone + trainingInFlight + (state.Status == StudyStatus.Completed ? 1 : 0);
        var fraction = state.Arms.IsEmpty ? 0 : done / units;
        return new StudyProgress(fraction, evaluationsDone, stages.Count, trainingsDone, trainable.Count);
    }
}
