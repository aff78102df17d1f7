namespace ForgetCloud.Contracts.Messages;

/// <summary>
/// Command to DataPrep: read the raw datasets the config names, render prompts, tokenize and write content-addressed
/// shards; answer with <see cref="DatasetsPrepared"/>. Idempotent: the same config gives the same shards.
/// </summary>
/// <param name="RunId">The run.</param>
/// <param name="ConfigRef">The blob name of the run's config snapshot (<see cref="Blobs.BlobLayout.RunConfig"/>).</param>
public sealed record PrepareDatasets(string RunId, string ConfigRef);
