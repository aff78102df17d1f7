using System.Text;
using System.Text.Json;
using Azure.Storage.Blobs;
using ForgetCloud.Contracts.Blobs;
using ForgetCloud.Learning.Checkpoints;
using ForgetCloud.Learning.Data;
using ForgetCloud.ServiceDefaults.Blobs;

namespace ForgetCloud.Workers.Datasets;

/// <summary>Writes one dataset part as JSON-lines shards plus its manifest under <see cref="BlobLayout.Dataset"/>.</summary>
public static class DatasetShardWriter
{
    /// <summary>Examples per shard: small enough to stream, few enough files for AQUA-RAT's 97k training examples.</summary>
    public const int ExamplesPerShard = 4096;

    /// <summary>Writes the shards into <paramref name="workDirectory"/>, uploads them and then the manifest; returns the part's prefix.</summary>
    public static async Task<string> WriteAsync<T>(
        BlobContainerClient blobs, DatasetIdentity identity, int? stage, IReadOnlyList<T> examples, TokenizationSummary? summary,
        string workDirectory, CancellationToken cancellationToken)
    {
        var hash = identity.Hash();
        var local = Path.Combine(workDirectory, hash);
        if (Directory.Exists(local)) Directory.Delete(local, recursive: true);
        Directory.CreateDirectory(local);
        var shards = new List<DatasetShardFile>();
        for (var start = 0; start < examples.Count; start += ExamplesPerShard)
        {
            var name = $"shard_{shards.Count:D5}.jsonl";
            var path = Path.Combine(local, name);
            var count = Math.Min(ExamplesPerShard, examples.Count - start);
            await using (var writer = new StreamWriter(path, append: false, new UTF8Encoding(false)))
            {
                writer.NewLine = "\n";
                for (var i = start; i < start + count; i++)
                    await writer.WriteLineAsync(JsonSerializer.Serialize(examples[i], ShardJson.Options)).ConfigureAwait(false);
            }
            shards.Add(new DatasetShardFile(name, count, CheckpointManifest.Sha256(path)));
        }
        var manifest = new DatasetManifest(identity, stage, examples.Count, summary, shards);
        await File.WriteAllTextAsync(Path.Combine(local, DatasetManifest.FileName), JsonSerializer.Serialize(manifest, ShardJson.Indented), cancellationToken).ConfigureAwait(false);
        var prefix = BlobLayout.Dataset(hash);
        await blobs.UploadDirectoryAsync(local, prefix, DatasetManifest.FileName, cancellationToken).ConfigureAwait(false);
        Directory.Delete(local, recursive: true);
        return prefix;
    }
}
