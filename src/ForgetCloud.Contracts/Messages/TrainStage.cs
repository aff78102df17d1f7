namespace ForgetCloud.Contracts.Messages;

/// <summary>
/// Command to a Trainer: train one stage of one arm; report <see cref="StageProgress"/>, a
/// <see cref="StageCheckpointSaved"/> for every saved checkpoint (the last with IsFinal), or <see cref="StageFailed"/>.
/// A redelivered command resumes from the newest checkpoint under
/// <see cref="Blobs.BlobLayout.StageCheckpoints"/>, which may be newer than <paramref name="ResumeFrom"/>.
/// </summary>
/// <param name="RunId">The run.</param>
/// <param name="ArmId">The arm (a safe path component, e.g. <c>adamw</c> or <c>muon_seed43</c>).</param>
/// <param name="Optimizer">The optimizer's config spelling: <c>adamw</c> or <c>muon</c>.</param>
/// <param name="Seed">The arm's seed.</param>
/// <param name="Stage">1 (GSM8K) or 2 (AQUA-RAT).</param>
/// <param name="InitFrom">The previous stage's final checkpoint; null = the base model.</param>
/// <param name="ResumeFrom">The newest checkpoint of this stage known when the command was issued; null = step 0.</param>
/// <param name="Attempt">The attempt number; the events about this attempt carry it back.</param>
/// <param name="ConfigRef">The blob name of the run's config snapshot.</param>
/// <param name="DatasetRefs">The prepared dataset shard prefixes, as <see cref="DatasetsPrepared"/> listed them.</param>
public sealed record TrainStage(
    string RunId,
    string ArmId,
    string Optimizer,
    int Seed,
    int Stage,
    CheckpointLocation? InitFrom,
    CheckpointLocation? ResumeFrom,
    int Attempt,
    string ConfigRef,
    IReadOnlyList<string> DatasetRefs);
