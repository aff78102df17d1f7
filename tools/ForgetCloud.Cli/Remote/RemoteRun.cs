using ForgetCloud.Contracts.Api;
using ForgetCloud.Contracts.Lifecycle;

namespace ForgetCloud.Cli.Remote;

/// <summary>Following a run to its end and fetching its files: shared by <c>run</c> and <c>runs show --follow</c>.</summary>
public static class RemoteRun
{
    /// <summary>Exit code after Ctrl-C detached from a run that goes on (128 + SIGINT, as shells report it).</summary>
    public const int Detached = 130;

    /// <summary>The lines telling how to come back to a run.</summary>
    public static string ReattachHint(string runId) =>
        $"follow it with 'forgetcloud runs show {runId} --follow'; fetch its files with 'forgetcloud runs export {runId} --output-dir DIR'";

    /// <summary>Follows the run; on Ctrl-C prints how to re-attach and returns null (the caller exits with <see cref="Detached"/>).</summary>
    public static async Task<RunDetails?> FollowAsync(CliServices services, ApiConnection api, string runId, CancellationToken cancel)
    {
        var display = IRunProgressDisplay.For(services.Output);
        try
        {
            return await new RunFollower(api, display).FollowAsync(runId, cancel).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancel.IsCancellationRequested)
        {
            display.Finish();
            services.Output.WriteLine($"detached from run {runId}, which goes on in the cluster; {ReattachHint(runId)}");
            return null;
        }
    }

    /// <summary>A failed or cancelled run as the command's error.</summary>
    public static void ThrowUnlessCompleted(RunDetails run)
    {
        var reason = run.StatusReason is { Length: > 0 } r ? $": {r}" : "";
        switch (run.Status)
        {
            case StudyStatus.Completed: return;
            case StudyStatus.Failed: throw new CliException($"run {run.RunId} failed{reason}");
            case StudyStatus.Cancelled: throw new CliException($"run {run.RunId} was cancelled{reason}");
            default: throw new CliException($"run {run.RunId} is {run.Status}, not finished");
        }
    }

    /// <summary>Downloads the run's files into <paramref name="layout"/> and prints where they went.</summary>
    public static async Task ExportAsync(CliServices services, ApiConnection api, RunDetails run, StudyOutputLayout layout, bool includeCheckpoints, CancellationToken cancel)
    {
        services.Output.WriteLine($"downloading the files of run {run.RunId} ({run.Status})");
        var summary = await new ArtifactExporter(api, services.Output).ExportAsync(run, layout, includeCheckpoints, cancel).ConfigureAwait(false);
        if (summary.Files == 0)
            throw new CliException($"run {run.RunId} has no files yet");
        services.Output.WriteLine($"wrote {summary.Files} files ({ArtifactExporter.FormatBytes(summary.Bytes)}): logs in {layout.LogsDirectory}");
    }
}
