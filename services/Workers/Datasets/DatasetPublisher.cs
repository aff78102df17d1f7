using System.Security.Cryptography;
using Azure.Storage.Blobs;
using ForgetCloud.Contracts.Blobs;
using ForgetCloud.Contracts.Configuration;
using ForgetCloud.Learning.Data;
using ForgetCloud.Learning.Execution;
using ForgetCloud.Learning.Tokenization;
using ForgetCloud.ServiceDefaults.Blobs;

namespace ForgetCloud.Workers.Datasets;

/// <summary>
/// DataPrep's work: addresses the four parts of a config's data by content, reuses the parts already in blob storage,
/// and prepares (<see cref="DatasetPreparation.PrepareAsync"/>) and uploads the rest.
/// </summary>
public static class DatasetPublisher
{
    /// <summary>What one preparation did: the refs in <see cref="DatasetPart.All"/> order, and which were reused.</summary>
    public sealed record Outcome(IReadOnlyList<string> DatasetRefs, IReadOnlyList<string> Reused);

    public static async Task<Outcome> PublishAsync(
        BlobContainerClient blobs, StudyConfig config, ITextTokenizer tokenizer, IDatasetSource source, string workDirectory,
        CancellationToken cancellationToken)
    {
        var fingerprint = TokenizerFingerprint.Of(tokenizer);
        async Task<DatasetIdentity> Identity(string part, DatasetKind dataset, string split, string? tokenizerId, int? maxExamples, int? maxLength)
        {
            var file = await source.GetSplitFileAsync(dataset, split, cancellationToken).ConfigureAwait(false);
            string sha;
            await using (var stream = File.OpenRead(file))
                sha = Convert.ToHexStringLower(await SHA256.HashDataAsync(stream, cancellationToken).ConfigureAwait(false));
            return new DatasetIdentity(DatasetIdentity.CurrentFormat, part, ConfigNames.Of(dataset), split, sha, tokenizerId, maxExamples, maxLength);
        }

        var s1 = config.Training.Stage(1);
        var s2 = config.Training.Stage(2);
        var identities = new[]
        {
            await Identity(DatasetPart.Stage1, s1.Dataset, s1.Split, fingerprint, s1.MaxExamples, s1.MaxLength).ConfigureAwait(false),
            await Identity(DatasetPart.Stage2, s2.Dataset, s2.Split, fingerprint, s2.MaxExamples, s2.MaxLength).ConfigureAwait(false),
            await Identity(DatasetPart.Gsm8kTest, DatasetKind.Gsm8k, PreparedDatasets.TestSplit, null, null, null).ConfigureAwait(false),
            await Identity(DatasetPart.AquaRatTest, DatasetKind.AquaRat, PreparedDatasets.TestSplit, null, null, null).ConfigureAwait(false),
        };
        var refs = identities.Select(i => BlobLayout.Dataset(i.Hash())).ToArray();
        var present = new bool[refs.Length];
        for (var i = 0; i < refs.Length; i++)
            present[i] = await blobs.ExistsAsync(refs[i] + DatasetManifest.FileName, cancellationToken).ConfigureAwait(false);
        if (present.All(p => p))
            return new Outcome(refs, refs);

        var data = await DatasetPreparation.PrepareAsync(config, tokenizer, source, cancellationToken).ConfigureAwait(false);
        for (var i = 0; i < refs.Length; i++)
        {
            if (present[i]) continue;
            var written = identities[i].Part switch
            {
                DatasetPart.Stage1 => await DatasetShardWriter.WriteAsync(blobs, identities[i], 1, data.Stage1.Data.Examples, data.Stage1.Summary, workDirectory, cancellationToken).ConfigureAwait(false),
                DatasetPart.Stage2 => await DatasetShardWriter.WriteAsync(blobs, identities[i], 2, data.Stage2.Data.Examples, data.Stage2.Summary, workDirectory, cancellationToken).ConfigureAwait(false),
                DatasetPart.Gsm8kTest => await DatasetShardWriter.WriteAsync(blobs, identities[i], null, data.Gsm8kTest, null, workDirectory, cancellationToken).ConfigureAwait(false),
                _ => await DatasetShardWriter.WriteAsync(blobs, identities[i], null, data.AquaRatTest, null, workDirectory, cancellationToken).ConfigureAwait(false),
            };
            if (written != refs[i]) throw new InvalidOperationException($"dataset part written to {written}, expected {refs[i]}");
        }
        return new Outcome(refs, [.. refs.Where((_, i) => present[i])]);
    }
}
