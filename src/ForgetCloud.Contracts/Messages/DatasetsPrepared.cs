namespace ForgetCloud.Contracts.Messages;

/// <summary>Event from DataPrep: the run's datasets are tokenized and stored.</summary>
/// <param name="RunId">The run.</param>
/// <param name="DatasetRefs">The shard prefixes (<see cref="Blobs.BlobLayout.Dataset"/>), in the order DataPrep lists them.</param>
public sealed record DatasetsPrepared(string RunId, IReadOnlyList<string> DatasetRefs);
