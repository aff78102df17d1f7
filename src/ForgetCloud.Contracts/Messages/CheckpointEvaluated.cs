namespace ForgetCloud.Contracts.Messages;

/// <summary>Event from an Evaluator: (arm, stage) is evaluated on both test sets.</summary>
/// <param name="RunId">The run.</param>
/// <param name="ArmId">The arm.</param>
/// <param name="Stage">0, 1 or 2.</param>
/// <param name="ResultRef">The blob name of the result (<see cref="Blobs.BlobLayout.Evaluation"/>).</param>
/// <param name="Metrics">Headline metrics by name (e.g. <c>gsm8k_accuracy</c>, <c>aqua_rat_accuracy</c>), shown while the run goes on; may be null.</param>
public sealed record CheckpointEvaluated(
    string RunId,
    string ArmId,
    int Stage,
    string ResultRef,
    IReadOnlyDictionary<string, double>? Metrics = null);
