namespace ForgetCloud.Contracts.Messages;

/// <summary>
/// Event from a Trainer: training of (arm, stage) reached <paramref name="Step"/>. Progress only moves forward; an
/// older or repeated step is ignored.
/// </summary>
/// <param name="RunId">The run.</param>
/// <param name="ArmId">The arm.</param>
/// <param name="Stage">1 or 2.</param>
/// <param name="Step">Optimizer steps done.</param>
/// <param name="TotalSteps">The stage's total optimizer steps, when known.</param>
/// <param name="Metrics">The latest training metrics by name (e.g. <c>loss</c>, <c>learning_rate</c>, <c>tokens_per_second</c>); may be null.</param>
public sealed record StageProgress(
    string RunId,
    string ArmId,
    int Stage,
    int Step,
    int? TotalSteps = null,
    IReadOnlyDictionary<string, double>? Metrics = null);
