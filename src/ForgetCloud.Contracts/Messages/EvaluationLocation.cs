namespace ForgetCloud.Contracts.Messages;

/// <summary>Where the evaluation of one arm after one stage lives.</summary>
/// <param name="ArmId">The arm.</param>
/// <param name="Stage">0 = base model, 1 = after GSM8K, 2 = after AQUA-RAT.</param>
/// <param name="ResultRef">The blob name of the evaluation result (<see cref="Blobs.BlobLayout.Evaluation"/>).</param>
public sealed record EvaluationLocation(string ArmId, int Stage, string ResultRef);
