using System.Collections.Concurrent;
using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ForgetCloud.AppHost.Restarts;

/// <summary>
/// Restarts a service process that exits unexpectedly (a crash, <c>kill -9</c>), with <see cref="RestartBackoff"/>.
/// Aspire has no restart policy for projects, so this watches the resources' states and starts an exited one through
/// its own start command. Unexpected means: it went from Running to a terminal state without passing through Stopping
/// (a stop from the dashboard does) and with a non-zero exit code, while the AppHost itself is not shutting down.
/// A redelivered message then resumes the interrupted work (a trainer from its newest checkpoint).
/// </summary>
public sealed partial class WorkerRestarts(
    IReadOnlySet<string> resourceNames,
    RestartBackoff backoff,
    ResourceNotificationService notifications,
    ResourceCommandService commands,
    IHostApplicationLifetime lifetime,
    TimeProvider time,
    ILogger<WorkerRestarts> logger) : BackgroundService
{
    private readonly ConcurrentDictionary<string, Tracked> _tracked = new(StringComparer.Ordinal);

    private sealed record Tracked(string? State, DateTimeOffset RunningSince, int Exits);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await foreach (var e in notifications.WatchAsync(stoppingToken).ConfigureAwait(false))
        {
            if (!resourceNames.Contains(e.Resource.Name)) continue;
            var state = e.Snapshot.State?.Text;
            var now = time.GetUtcNow();
            var previous = _tracked.GetValueOrDefault(e.ResourceId) ?? new Tracked(null, now, 0);
            if (state == previous.State) continue;
            var next = previous with { State = state };
            if (state == KnownResourceStates.Running)
                next = next with { RunningSince = now };
            else if (IsUnexpectedExit(previous.State, state, e.Snapshot.ExitCode) && !lifetime.ApplicationStopping.IsCancellationRequested)
            {
                next = next with { Exits = backoff.ExitsAfter(previous.Exits, now - previous.RunningSince) };
                var delay = backoff.Delay(next.Exits);
                LogUnexpectedExit(logger, e.ResourceId, e.Snapshot.ExitCode, delay.TotalSeconds, next.Exits);
                _ = RestartAsync(e.ResourceId, delay, stoppingToken);
            }
            _tracked[e.ResourceId] = next;
        }
    }

    /// <summary>Running -> Exited/Finished/FailedToStart, not via Stopping, with a failing exit code.</summary>
    public static bool IsUnexpectedExit(string? previousState, string? state, int? exitCode) =>
        previousState == KnownResourceStates.Running
        && state is not null && KnownResourceStates.TerminalStates.Contains(state)
        && exitCode is not 0;

    private async Task RestartAsync(string resourceId, TimeSpan delay, CancellationToken stoppingToken)
    {
        try
        {
            await Task.Delay(delay, time, stoppingToken).ConfigureAwait(false);
            if (lifetime.ApplicationStopping.IsCancellationRequested) return;
            // Someone may have started it meanwhile (the dashboard, a test): only a still-exited resource is started.
            if (_tracked.GetValueOrDefault(resourceId)?.State is { } state && !KnownResourceStates.TerminalStates.Contains(state)) return;
            var result = await commands.ExecuteCommandAsync(resourceId, KnownResourceCommands.StartCommand, stoppingToken).ConfigureAwait(false);
            if (result.Success) LogRestarted(logger, resourceId);
            else LogRestartFailed(logger, resourceId, result.Message);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Resource} exited unexpectedly (exit code {ExitCode}); restarting in {Seconds} s (exit {Exits} in a row).")]
    private static partial void LogUnexpectedExit(ILogger logger, string resource, int? exitCode, double seconds, int exits);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Resource} restarted.")]
    private static partial void LogRestarted(ILogger logger, string resource);

    [LoggerMessage(Level = LogLevel.Error, Message = "{Resource} could not be restarted: {Message}")]
    private static partial void LogRestartFailed(ILogger logger, string resource, string? message);
}
