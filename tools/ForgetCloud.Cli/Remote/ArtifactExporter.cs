using System.Globalization;
using System.Text.Json;
using ForgetCloud.Contracts.Api;
using ForgetCloud.Learning.Checkpoints;

namespace ForgetCloud.Cli.Remote;

/// <summary>
/// Downloads a run's artifacts through the Api into the study layout (<see cref="StudyOutputLayout"/>): each file is
/// written beside its target and moved into place once its length matches the listing, so an interrupted export
/// never leaves a truncated file under a real name. Exporting again overwrites.
/// </summary>
public sealed class ArtifactExporter(ApiConnection api, TextWriter log)
{
    private const string PartialSuffix = ".part";

    /// <summary>Every artifact of the run (checkpoints unless <paramref name="includeCheckpoints"/> is false) into <paramref name="layout"/>.</summary>
    public async Task<ExportSummary> ExportAsync(RunDetails run, StudyOutputLayout layout, bool includeCheckpoints, CancellationToken cancel)
    {
        var listing = await api.CallAsync((c, t) => c.ListArtifactsAsync(run.RunId, t), cancel).ConfigureAwait(false);
        var artifacts = api.Require(listing);
        var kinds = artifacts.Select(a => (Artifact: a, Kind: StudyOutputLayout.Classify(a.Path))).ToList();

        // A checkpoint's files are uploaded one by one and manifest.json last: one without it is still being written.
        var complete = kinds.Select(k => k.Kind).OfType<ArtifactKind.Checkpoint>()
            .Where(c => c.Rest == CheckpointManifest.FileName).Select(c => c.Prefix).ToHashSet(StringComparer.Ordinal);
        var epochs = new Dictionary<string, int>(StringComparer.Ordinal);
        var skippedCheckpoints = new SortedSet<string>(StringComparer.Ordinal);
        var armFolders = run.Arms.Count > 1;
        long bytes = 0;
        var files = 0;

        foreach (var (artifact, kind) in kinds)
        {
            if (kind is ArtifactKind.Checkpoint checkpoint)
            {
                if (!includeCheckpoints) continue;
                if (!complete.Contains(checkpoint.Prefix))
                {
                    if (skippedCheckpoints.Add(checkpoint.Prefix))
                        log.WriteLine($"skipping checkpoint {checkpoint.Prefix}: it has no {CheckpointManifest.FileName} yet (still being saved)");
                    continue;
                }
                if (!epochs.ContainsKey(checkpoint.Prefix))
                    epochs[checkpoint.Prefix] = await ReadEpochAsync(run.RunId, checkpoint.Prefix, cancel).ConfigureAwait(false);
            }
            var target = layout.LocalPathOf(kind, armFolders, c => epochs[c.Prefix]);
            await DownloadAsync(run.RunId, artifact, target, cancel).ConfigureAwait(false);
            log.WriteLine($"  {target} ({FormatBytes(artifact.Size)})");
            bytes += artifact.Size;
            files++;
        }
        return new ExportSummary(files, bytes, skippedCheckpoints.Count);
    }

    public static string FormatBytes(long bytes) => bytes switch
    {
        < 1024 => $"{bytes} B",
        < 1024 * 1024 => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1024.0:0.0} KiB"),
        < 1024L * 1024 * 1024 => string.Create(CultureInfo.InvariantCulture, $"{bytes / (1024.0 * 1024):0.0} MiB"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{bytes / (1024.0 * 1024 * 1024):0.00} GiB"),
    };

    private async Task<int> ReadEpochAsync(string runId, string prefix, CancellationToken cancel)
    {
        var path = prefix + StageCheckpoint.TrainerStateFile;
        var bytes = await api.CallAsync(async (c, t) =>
        {
            using var response = await c.GetArtifactAsync(runId, path, t).ConfigureAwait(false);
            await ThrowIfFailedAsync(response, api.HasApiKey, t).ConfigureAwait(false);
            return await response.Content.ReadAsByteArrayAsync(t).ConfigureAwait(false);
        }, cancel).ConfigureAwait(false);
        try
        {
            using var document = JsonDocument.Parse(bytes);
            if (document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("epoch", out var epoch) && epoch.TryGetInt32(out var value) && value >= 0)
                return value;
        }
        catch (JsonException e)
        {
            throw new CliException($"run {runId}: {path} is not valid JSON ({e.Message})", e);
        }
        throw new CliException($"run {runId}: {path} has no non-negative integer 'epoch', which names the checkpoint's folder");
    }

    private async Task DownloadAsync(string runId, RunArtifact artifact, string target, CancellationToken cancel)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(target))!);
        var partial = target + PartialSuffix;
        try
        {
            long written;
            // No RequestTimeout here: a checkpoint can take longer than one exchange should; the connect timeout still holds.
            using (var response = await OpenAsync(runId, artifact.Path, cancel).ConfigureAwait(false))
            await using (var source = await response.Content.ReadAsStreamAsync(cancel).ConfigureAwait(false))
            await using (var file = new FileStream(partial, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true))
            {
                await source.CopyToAsync(file, cancel).ConfigureAwait(false);
                written = file.Length;
            }
            if (written != artifact.Size)
                throw new CliException($"run {runId}: artifact {artifact.Path} arrived with {written} bytes, but the Api listed {artifact.Size}");
            File.Move(partial, target, overwrite: true);
        }
        finally
        {
            if (File.Exists(partial)) File.Delete(partial);
        }
    }

    private async Task<HttpResponseMessage> OpenAsync(string runId, string path, CancellationToken cancel)
    {
        HttpResponseMessage response;
        try
        {
            response = await api.Client.GetArtifactAsync(runId, path, cancel).ConfigureAwait(false);
        }
        catch (Exception e) when (ApiConnection.Unreachable(e) is { } reason)
        {
            throw api.UnreachableError(reason, e);
        }
        try
        {
            await ThrowIfFailedAsync(response, api.HasApiKey, cancel).ConfigureAwait(false);
            return response;
        }
        catch
        {
            response.Dispose();
            throw;
        }
    }

    private static async Task ThrowIfFailedAsync(HttpResponseMessage response, bool sentKey, CancellationToken cancel)
    {
        if (response.IsSuccessStatusCode) return;
        var content = await response.Content.ReadAsStringAsync(cancel).ConfigureAwait(false);
        throw ApiConnection.ToException(response.StatusCode, content, sentKey);
    }
}
