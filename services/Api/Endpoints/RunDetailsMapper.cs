using ForgetCloud.Api.Orchestration;
using ForgetCloud.Api.Runs;
using ForgetCloud.Contracts.Api;
using ForgetCloud.Learning.Study;

namespace ForgetCloud.Api.Endpoints;

/// <summary>Stored run state (+ reported metrics) -> the API's DTOs.</summary>
public static class RunDetailsMapper
{
    private static readonly IReadOnlyDictionary<string, double> NoMetrics = new Dictionary<string, double>();

    public static RunDetails ToDetails(RunRecord record, IReadOnlyDictionary<string, IReadOnlyDictionary<string, double>> metrics)
    {
        var state = record.State;
        var progress = StudyProgress.Of(state);
        var arms = state.Arms.Select(arm =>
        {
            var spec = state.Spec(arm.ArmId);
            return new ArmDetails(arm.ArmId, spec.Optimizer, spec.Seed,
                [.. arm.Stages.Select(stage => new StageDetails(
                    stage.Stage,
                    stage.Status,
                    stage.Step,
                    stage.TotalSteps,
                    stage.TrainingAttempt,
                    stage.EvaluationAttempt,
                    StudyMessageMapping.ToLocation(stage.ResumePoint),
                    StudyMessageMapping.ToLocation(stage.FinalCheckpoint),
                    stage.EvaluationRef,
                    stage.LastFailure,
                    metrics.GetValueOrDefault(StageMetrics.KeyOf(arm.ArmId, stage.Stage, StageMetricsKind.Training), NoMetrics),
                    metrics.GetValueOrDefault(StageMetrics.KeyOf(arm.ArmId, stage.Stage, StageMetricsKind.Evaluation), NoMetrics)))]);
        });
        return new RunDetails(
            state.StudyId,
            state.Status,
            state.StatusReason,
            record.CreatedAt,
            state.Version,
            new RunProgress(progress.Fraction, progress.EvaluationsDone, progress.EvaluationsTotal, progress.TrainingsDone, progress.TrainingsTotal),
            state.Options?.ConfigRef,
            [.. arms],
            [.. state.DatasetRefs],
            state.ReportRef);
    }

    public static RunSummary ToSummary(RunRecord record) =>
        new(record.RunId,
            record.State.Status,
            record.CreatedAt,
            StudyProgress.Of(record.State).Fraction,
            [.. record.State.Arms.Select(a => a.ArmId)],
            record.State.StatusReason);

    public static RunEvent ToSnapshot(RunRecord record, DateTimeOffset at) =>
        new(record.RunId,
            record.State.Version,
            record.State.Status,
            RunEvent.SnapshotEvent,
            $"run is {record.State.Status}",
            StudyProgress.Of(record.State).Fraction,
            [],
            at);
}
