using System.Globalization;
using System.Text.Json;
using Azure.Storage.Blobs;
using ForgetCloud.Contracts.Blobs;
using ForgetCloud.Contracts.Messages;
using ForgetCloud.Learning.Checkpoints;
using ForgetCloud.ServiceDefaults.Blobs;

namespace ForgetCloud.Workers.Checkpoints;

/// <summary>Stage checkpoints in blob storage (<see cref="BlobLayout.Checkpoint"/>): upload, download, find the newest.</summary>
public sealed class CheckpointStore(BlobContainerClient blobs)
{
    /// <summary>A complete checkpoint in blob storage and its trainer state.</summary>
    public sealed record Stored(CheckpointLocation Location, TrainerState State);

    /// <summary>
    /// The newest complete checkpoint (its manifest, uploaded last, exists) of (run, arm, stage), or null. A checkpoint
    /// whose upload was cut off has no manifest and is passed over.
    /// </summary>
    public async Task<Stored?> FindNewestAsync(string runId, string armId, int stage, CancellationToken cancellationToken)
    {
        var steps = (await blobs.ListFoldersAsync(BlobLayout.StageCheckpoints(runId, armId, stage), cancellationToken).ConfigureAwait(false))
            .Select(name => name.StartsWith("step_", StringComparison.Ordinal)
                            && int.TryParse(name["step_".Length..], NumberStyles.None, CultureInfo.InvariantCulture, out var s) ? s : -1)
            .Where(s => s >= 0)
            .OrderDescending();
        foreach (var step in steps)
        {
            var prefix = BlobLayout.Checkpoint(runId, armId, stage, step);
            if (!await blobs.ExistsAsync(prefix + CheckpointManifest.FileName, cancellationToken).ConfigureAwait(false))
                continue;
            return new Stored(new CheckpointLocation(prefix, step), await ReadStateAsync(prefix, cancellationToken).ConfigureAwait(false));
        }
        return null;
    }

    public async Task<TrainerState> ReadStateAsync(string prefix, CancellationToken cancellationToken)
    {
        var json = await blobs.DownloadTextAsync(prefix + StageCheckpoint.TrainerStateFile, cancellationToken).ConfigureAwait(false);
        return JsonSerializer.Deserialize<TrainerState>(json)
               ?? throw new InvalidDataException($"'{prefix}{StageCheckpoint.TrainerStateFile}' holds null");
    }

    /// <summary>Downloads a checkpoint into <paramref name="directory"/> and verifies it (<see cref="StageCheckpoint.Load"/>).</summary>
    public async Task<StageCheckpoint> DownloadAsync(string prefix, string directory, CancellationToken cancellationToken)
    {
        await blobs.DownloadDirectoryAsync(prefix, directory, cancellationToken).ConfigureAwait(false);
        return StageCheckpoint.Load(directory);
    }

    /// <summary>Uploads a local checkpoint folder to its blob prefix, the manifest last (readers treat it as the commit).</summary>
    public async Task<CheckpointLocation> UploadAsync(string runId, string armId, StageCheckpoint checkpoint, CancellationToken cancellationToken)
    {
        var step = checked((int)checkpoint.State.Step);
        var prefix = BlobLayout.Checkpoint(runId, armId, checkpoint.State.Stage, step);
        await blobs.UploadDirectoryAsync(checkpoint.Directory, prefix, CheckpointManifest.FileName, cancellationToken).ConfigureAwait(false);
        return new CheckpointLocation(prefix, step);
    }
}
