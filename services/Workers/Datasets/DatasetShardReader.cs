using System.Text;
using System.Text.Json;
using Azure.Storage.Blobs;
using ForgetCloud.Contracts.Blobs;
using ForgetCloud.Contracts.Configuration;
using ForgetCloud.Learning.Checkpoints;
using ForgetCloud.Learning.Data;
using ForgetCloud.Learning.Execution;
using ForgetCloud.ServiceDefaults.Blobs;

namespace ForgetCloud.Workers.Datasets;

/// <summary>
/// Reads a study's prepared data from the dataset parts DataPrep listed (<c>DatasetsPrepared.DatasetRefs</c>), keeping
/// a verified local copy per hash in <paramref name="cacheDirectory"/>: parts are immutable, so a worker downloads each
/// once for all the runs and stages it serves.
/// </summary>
public sealed class DatasetShardReader(BlobContainerClient blobs, string cacheDirectory)
{
    private static readonly SemaphoreSlim CacheLock = new(1, 1);

    public async Task<(PreparedDatasets Data, IReadOnlyDictionary<string, DatasetManifest> Manifests)> ReadAsync(
        IReadOnlyList<string> datasetRefs, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(datasetRefs);
        var parts = new Dictionary<string, (string Directory, DatasetManifest Manifest)>(StringComparer.Ordinal);
        foreach (var prefix in datasetRefs)
        {
            var (directory, manifest) = await FetchAsync(prefix, cancellationToken).ConfigureAwait(false);
            if (!parts.TryAdd(manifest.Identity.Part, (directory, manifest)))
                throw new InvalidDataException($"dataset refs name part '{manifest.Identity.Part}' twice ({prefix})");
        }
        var missing = DatasetPart.All.Where(p => !parts.ContainsKey(p)).ToArray();
        if (missing.Length > 0)
            throw new InvalidDataException($"dataset refs [{string.Join(", ", datasetRefs)}] lack the part(s) {string.Join(", ", missing)}");

        PreparedStageData Stage(string part)
        {
            var (directory, manifest) = parts[part];
            var examples = ReadLines<TokenizedExample>(directory, manifest);
            var summary = manifest.Summary ?? throw new InvalidDataException($"dataset part {part} ({manifest.Identity.Hash()}) has no tokenization summary");
            var dataset = Enum.GetValues<DatasetKind>().Where(k => ConfigNames.Of(k) == manifest.Identity.Dataset).Cast<DatasetKind?>().FirstOrDefault()
                ?? throw new InvalidDataException($"dataset part {part}: unknown dataset '{manifest.Identity.Dataset}'");
            return new PreparedStageData(manifest.Stage ?? 0, dataset, manifest.Identity.Split, new TokenizedDataset(examples, summary));
        }

        var data = new PreparedDatasets(
            Stage(DatasetPart.Stage1),
            Stage(DatasetPart.Stage2),
            ReadLines<Gsm8kExample>(parts[DatasetPart.Gsm8kTest].Directory, parts[DatasetPart.Gsm8kTest].Manifest),
            ReadLines<AquaRatExample>(parts[DatasetPart.AquaRatTest].Directory, parts[DatasetPart.AquaRatTest].Manifest));
        return (data, parts.ToDictionary(p => p.Key, p => p.Value.Manifest, StringComparer.Ordinal));
    }

    private async Task<(string Directory, DatasetManifest Manifest)> FetchAsync(string prefix, CancellationToken cancellationToken)
    {
        var hash = prefix.StartsWith(BlobLayout.DatasetsRoot, StringComparison.Ordinal) ? prefix[BlobLayout.DatasetsRoot.Length..].TrimEnd('/') : "";
        if (!BlobLayout.IsComponent(hash) || BlobLayout.Dataset(hash) != prefix)
            throw new InvalidDataException($"'{prefix}' is not a dataset prefix (datasets/<hash>/)");
        var directory = Path.Combine(cacheDirectory, hash);
        await CacheLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (TryLoad(directory, hash) is { } cached)
                return (directory, cached);
            // Replicas may share the cache folder: download privately, then move into place; whoever moves first wins.
            var temporary = $"{directory}.download-{Guid.NewGuid():N}";
            await blobs.DownloadDirectoryAsync(prefix, temporary, cancellationToken).ConfigureAwait(false);
            var manifest = TryLoad(temporary, hash)
                ?? throw new InvalidDataException($"dataset part '{prefix}' failed verification after download (manifest, shard hashes or identity hash)");
            if (Directory.Exists(directory)) Directory.Delete(directory, recursive: true);
            try
            {
                Directory.Move(temporary, directory);
            }
            catch (IOException) when (TryLoad(directory, hash) is not null)
            {
                Directory.Delete(temporary, recursive: true);
            }
            return (directory, manifest);
        }
        finally
        {
            CacheLock.Release();
        }
    }

    /// <summary>The manifest when the folder holds a complete, intact part whose identity hashes to <paramref name="hash"/>; else null.</summary>
    private static DatasetManifest? TryLoad(string directory, string hash)
    {
        var path = Path.Combine(directory, DatasetManifest.FileName);
        if (!File.Exists(path)) return null;
        var manifest = JsonSerializer.Deserialize<DatasetManifest>(File.ReadAllText(path), ShardJson.Options)
            ?? throw new InvalidDataException($"{path}: null manifest");
        if (manifest.Identity.Hash() != hash) return null;
        foreach (var shard in manifest.Shards)
        {
            var file = Path.Combine(directory, shard.Name);
            if (!File.Exists(file) || CheckpointManifest.Sha256(file) != shard.Sha256) return null;
        }
        return manifest;
    }

    private static List<T> ReadLines<T>(string directory, DatasetManifest manifest)
    {
        var result = new List<T>(manifest.Examples);
        foreach (var shard in manifest.Shards)
        {
            var path = Path.Combine(directory, shard.Name);
            var number = 0;
            foreach (var line in File.ReadLines(path, Encoding.UTF8))
            {
                number++;
                try
                {
                    result.Add(JsonSerializer.Deserialize<T>(line, ShardJson.Options) ?? throw new JsonException("null line"));
                }
                catch (JsonException e)
                {
                    throw new DataFormatException(path, number, $"bad {typeof(T).Name}: {e.Message}");
                }
            }
        }
        if (result.Count != manifest.Examples)
            throw new InvalidDataException($"dataset part {manifest.Identity.Part} in {directory}: {result.Count} examples, manifest says {manifest.Examples}");
        return result;
    }
}
