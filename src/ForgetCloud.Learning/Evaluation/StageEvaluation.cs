namespace ForgetCloud.Learning.Evaluation;

/// <summary>
/// Both test sets evaluated on one model: the base (stage 0) or the final checkpoint of stage 1 or 2 of one arm.
/// Aggregate scores are derived from the items, so per-example records and summaries can never disagree.
/// </summary>
public sealed record StageEvaluation(
    string ArmId,
    int Stage,
    string? Checkpoint,
    IReadOnlyList<Gsm8kItemResult> Gsm8k,
    IReadOnlyList<AquaRatItemResult> AquaRat);
