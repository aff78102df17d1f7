using ForgetCloud.Contracts.Messages;
using ForgetCloud.Contracts.Lifecycle;

namespace ForgetCloud.Contracts.Api;

/// <summary>One stage of one arm.</summary>
/// <param name="Stage">0 = base model, 1 = GSM8K, 2 = AQUA-RAT.</param>
/// <param name="Status">Where it stands.</param>
/// <param name="Step">Optimizer steps done.</param>
/// <param name="TotalSteps">Total optimizer steps, once the trainer reported them.</param>
/// <param name="TrainingAttempt">The training attempt in flight (0 = never issued).</param>
/// <param name="EvaluationAttempt">The evaluation attempt in flight (0 = never issued).</param>
/// <param name="ResumePoint">The newest checkpoint.</param>
/// <param name="FinalCheckpoint">The checkpoint at the end of the stage.</param>
/// <param name="EvaluationRef">The evaluation result blob.</param>
/// <param name="LastFailure">The last failure reported.</param>
/// <param name="TrainingMetrics">The latest training metrics reported with progress.</param>
/// <param name="EvaluationMetrics">The headline metrics of the evaluation.</param>
public sealed record StageDetails(
    int Stage,
    StageStatus Status,
    int Step,
    int? TotalSteps,
    int TrainingAttempt,
    int EvaluationAttempt,
    CheckpointLocation? ResumePoint,
    CheckpointLocation? FinalCheckpoint,
    string? EvaluationRef,
    string? LastFailure,
    IReadOnlyDictionary<string, double> TrainingMetrics,
    IReadOnlyDictionary<string, double> EvaluationMetrics)
{
    /// <summary>
    /// When the worker training or evaluating the stage last sent a heartbeat (its clock), for the attempt in flight;
    /// null when the stage is not in flight or no worker has taken it up yet (a command waiting in the queue).
    /// </summary>
    public DateTimeOffset? LastHeartbeat { get; init; }
}
