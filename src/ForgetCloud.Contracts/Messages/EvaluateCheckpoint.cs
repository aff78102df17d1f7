namespace ForgetCloud.Contracts.Messages;

/// <summary>
/// Command to an Evaluator: evaluate one arm after one stage on both test sets, write the result to
/// <see cref="Blobs.BlobLayout.Evaluation"/>, answer with <see cref="CheckpointEvaluated"/> or <see cref="EvaluationFailed"/>.
/// </summary>
/// <param name="RunId">The run.</param>
/// <param name="ArmId">The arm.</param>
/// <param name="Stage">0 = base model, 1 or 2 = after that stage.</param>
/// <param name="Checkpoint">The stage's final checkpoint; null for stage 0 (the base model).</param>
/// <param name="Attempt">The attempt number; the events about this attempt carry it back.</param>
/// <param name="ConfigRef">The blob name of the run's config snapshot.</param>
/// <param name="DatasetRefs">The prepared dataset shard prefixes.</param>
/// <param name="CopyOf">
/// For the base model of every arm but the first: the first arm's evaluation of the same untrained model, which the
/// workflow decided is this arm's too; copy it instead of computing it again.
/// </param>
public sealed record EvaluateCheckpoint(
    string RunId,
    string ArmId,
    int Stage,
    CheckpointLocation? Checkpoint,
    int Attempt,
    string ConfigRef,
    IReadOnlyList<string> DatasetRefs,
    EvaluationLocation? CopyOf = null);
