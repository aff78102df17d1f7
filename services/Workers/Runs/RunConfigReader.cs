using Azure.Storage.Blobs;
using ForgetCloud.Contracts.Configuration;
using ForgetCloud.Learning.Modeling;
using ForgetCloud.ServiceDefaults.Blobs;

namespace ForgetCloud.Workers.Runs;

/// <summary>Reads a run's config snapshot (<c>runs/&lt;run&gt;/config.yaml</c>, the config with the flags applied).</summary>
public sealed class RunConfigReader(BlobContainerClient blobs)
{
    public async Task<StudyConfig> ReadAsync(string configRef, CancellationToken cancellationToken)
    {
        var yaml = await blobs.DownloadTextAsync(configRef, cancellationToken).ConfigureAwait(false);
        var result = StudyConfigLoader.LoadText(yaml, ConfigFormat.Yaml, new StudyConfigLoadOptions
        {
            // The Api validated the config without checking paths; they belong to this machine, and DataPrep checks the data folder.
            CheckPaths = false,
            KnownModelPresets = [.. ModelPresets.All.Select(p => p.Name)],
        });
        if (result.Config is null || result.Errors.Count > 0)
        {
            throw new InvalidDataException(
                $"config snapshot '{configRef}' is invalid: {string.Join("; ", result.Errors.Select(e => $"{e.Path}: {e.Message}"))}");
        }
        return result.Config;
    }
}
