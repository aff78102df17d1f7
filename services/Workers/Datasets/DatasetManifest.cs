using ForgetCloud.Learning.Data;

namespace ForgetCloud.Workers.Datasets;

/// <summary><c>datasets/&lt;hash&gt;/manifest.json</c>, uploaded after the shards: a part is complete when it exists.</summary>
/// <param name="Identity">What the content was made from (its hash is the folder name).</param>
/// <param name="Stage">1 or 2 for training parts; null for test sets.</param>
/// <param name="Examples">Examples over all shards.</param>
/// <param name="Summary">What tokenization did (training parts only).</param>
/// <param name="Shards">The shard files in order.</param>
public sealed record DatasetManifest(
    DatasetIdentity Identity,
    int? Stage,
    int Examples,
    TokenizationSummary? Summary,
    IReadOnlyList<DatasetShardFile> Shards)
{
    public const string FileName = "manifest.json";
}

/// <summary>One shard: a JSON-lines file of examples, with its count and SHA-256 (checked on every read).</summary>
public sealed record DatasetShardFile(string Name, int Examples, string Sha256);
