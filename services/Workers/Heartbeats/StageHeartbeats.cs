using ForgetCloud.Contracts.Messages;
using MassTransit;
using Microsoft.Extensions.Logging;

namespace ForgetCloud.Workers.Heartbeats;

/// <summary>
/// Sends <see cref="StageHeartbeat"/> for a stage in flight: one at once, then every
/// <see cref="WorkerSettings.HeartbeatInterval"/> until disposed, on a timer of its own, so a training thread busy for
/// minutes in one step still shows a live process. Published on the bus, not the consume context: the beat must go on
/// while a dropped connection has cancelled the consume (as <see cref="Messaging.DetachedPublisher"/> does).
/// </summary>
public sealed partial class StageHeartbeats(IBus bus, WorkerSettings settings, TimeProvider time, ILogger<StageHeartbeats> logger)
{
    /// <summary>Starts beating for (run, arm, stage, work, attempt); dispose to stop.</summary>
    public IAsyncDisposable Start(string runId, string armId, int stage, StageWork work, int attempt)
    {
        var stop = new CancellationTokenSource();
        var loop = BeatAsync(runId, armId, stage, work, attempt, stop.Token);
        return new Beating(stop, loop);
    }

    private async Task BeatAsync(string runId, string armId, int stage, StageWork work, int attempt, CancellationToken stop)
    {
        var interval = settings.HeartbeatInterval;
        using var timer = new PeriodicTimer(interval, time);
        do
        {
            // A beat older than a few intervals says nothing new; the broker drops it instead of queueing it for an Api that is away.
            using var bounded = CancellationTokenSource.CreateLinkedTokenSource(stop);
            bounded.CancelAfter(interval);
            try
            {
                await bus.Publish(new StageHeartbeat(runId, armId, stage, work, attempt, time.GetUtcNow()),
                    context => context.TimeToLive = interval * 6, bounded.Token).ConfigureAwait(false);
            }
            catch (Exception e) when (!stop.IsCancellationRequested)
            {
                // A missed beat is what the Api's stall rule is for; the work itself goes on.
                LogBeatFailed(logger, runId, armId, stage, work, e.Message);
            }
            catch (Exception) when (stop.IsCancellationRequested)
            {
                return;
            }
        }
        while (await WaitAsync(timer, stop).ConfigureAwait(false));
    }

    private static async Task<bool> WaitAsync(PeriodicTimer timer, CancellationToken stop)
    {
        try
        {
            return await timer.WaitForNextTickAsync(stop).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    private sealed class Beating(CancellationTokenSource stop, Task loop) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await stop.CancelAsync().ConfigureAwait(false);
            await loop.ConfigureAwait(false);
            stop.Dispose();
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Run {RunId} {ArmId} stage {Stage}: {Work} heartbeat not sent: {Reason}")]
    private static partial void LogBeatFailed(ILogger logger, string runId, string armId, int stage, StageWork work, string reason);
}
