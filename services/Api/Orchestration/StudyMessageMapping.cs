using ForgetCloud.Api.Runs;
using ForgetCloud.Contracts.Api;
using ForgetCloud.Learning.Study;
using MassTransit;
using M = ForgetCloud.Contracts.Messages;
using ForgetCloud.Contracts.Lifecycle;

namespace ForgetCloud.Api.Orchestration;

/// <summary>
/// The one place where bus messages meet the study workflow: event messages become workflow events, workflow
/// commands become command messages (carrying the run's config snapshot and dataset references, so workers need
/// no run state of their own) (the statuses are one vocabulary, ForgetCloud.Contracts.Lifecycle, and need no mapping).
/// </summary>
public static class StudyMessageMapping
{
    public static StudyEvent ToEvent(M.DatasetsPrepared m) => new DatasetsPrepared([.. m.DatasetRefs]);

    public static StudyEvent ToEvent(M.StageProgress m) => new StageProgress(m.ArmId, m.Stage, m.Step, m.TotalSteps);

    public static StudyEvent ToEvent(M.StageCheckpointSaved m) => new StageCheckpointSaved(m.ArmId, m.Stage, ToRef(m.Checkpoint), m.IsFinal);

    public static StudyEvent ToEvent(M.StageFailed m) => new StageFailed(m.ArmId, m.Stage, m.Reason, m.Attempt);

    public static StudyEvent ToEvent(M.CheckpointEvaluated m) => new CheckpointEvaluated(m.ArmId, m.Stage, m.ResultRef);

    public static StudyEvent ToEvent(M.EvaluationFailed m) => new EvaluationFailed(m.ArmId, m.Stage, m.Reason, m.Attempt);

    public static StudyEvent ToEvent(M.AnalysisCompleted m) => new AnalysisCompleted(m.ReportRef);

    /// <summary>MassTransit's fault for a PrepareDatasets that failed for good (after DataPrep's transient-error retries).</summary>
    public static StudyEvent ToEvent(Fault<M.PrepareDatasets> fault) => new PreparationFailed(ReasonOf(fault));

    /// <summary>MassTransit's fault for an AnalyzeStudy that failed for good.</summary>
    public static StudyEvent ToEvent(Fault<M.AnalyzeStudy> fault) => new AnalysisFailed(ReasonOf(fault));

    /// <summary>"ExceptionType: message" of the first exception, as the Trainer and Evaluator word their failures.</summary>
    public static string ReasonOf(Fault fault)
    {
        ArgumentNullException.ThrowIfNull(fault);
        return fault.Exceptions is [var first, ..]
            ? $"{first.ExceptionType.Split('.')[^1]}: {first.Message}"
            : "the consumer faulted without an exception";
    }

    /// <summary>
    /// The message to publish for a command, or null for the commands that only end the study
    /// (<see cref="CompleteStudy"/>, <see cref="FailStudy"/>): the stored state already says so.
    /// </summary>
    public static object? ToMessage(StudyState state, StudyCommand command)
    {
        ArgumentNullException.ThrowIfNull(state);
        var runId = state.StudyId;
        var configRef = state.Options?.ConfigRef
                        ?? throw new InvalidOperationException($"Run {runId} has no options: commands exist only after StudyStarted.");
        IReadOnlyList<string> datasets = [.. state.DatasetRefs];
        return command switch
        {
            PrepareDatasets c => new M.PrepareDatasets(runId, c.ConfigRef),
            TrainStage c => new M.TrainStage(runId, c.ArmId, c.Optimizer, c.Seed, c.Stage, ToLocation(c.InitFrom), ToLocation(c.ResumeFrom), c.Attempt, configRef, datasets),
            EvaluateCheckpoint c => new M.EvaluateCheckpoint(runId, c.ArmId, c.Stage, ToLocation(c.Checkpoint), c.Attempt, configRef, datasets,
                c.CopyOf is { } copy ? ToLocation(copy) : null),
            AnalyzeStudy c => new M.AnalyzeStudy(runId, [.. c.Evaluations.Select(ToLocation)], configRef, [.. c.Arms],
                c.CanAnalyze ? null : [.. c.NotEvaluated]),
            CancelWork c => new M.CancelRun(runId, c.Reason),
            CompleteStudy or FailStudy => null,
            _ => throw new ArgumentException($"No message for study command {command.GetType().FullName}.", nameof(command)),
        };
    }

    /// <summary>The metrics an event message carries, to show on the run while it goes on; null when none.</summary>
    public static StageMetrics? MetricsOf(object message) => message switch
    {
        M.StageProgress { Metrics.Count: > 0 } m => new StageMetrics(m.ArmId, m.Stage, StageMetricsKind.Training, m.Metrics),
        M.CheckpointEvaluated { Metrics.Count: > 0 } m => new StageMetrics(m.ArmId, m.Stage, StageMetricsKind.Evaluation, m.Metrics),
        _ => null,
    };

    public static M.CheckpointLocation? ToLocation(CheckpointRef? checkpoint) =>
        checkpoint is null ? null : new M.CheckpointLocation(checkpoint.Location, checkpoint.Step);

    public static M.EvaluationLocation ToLocation(EvaluationRef evaluation) => new(evaluation.ArmId, evaluation.Stage, evaluation.ResultRef);

    public static CheckpointRef ToRef(M.CheckpointLocation location) => new(location.Location, location.Step);
}
