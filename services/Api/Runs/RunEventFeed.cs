using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json;
using ForgetCloud.Contracts.Api;
using StackExchange.Redis;
using ForgetCloud.Contracts.Lifecycle;

namespace ForgetCloud.Api.Runs;

/// <summary>
/// The live feed behind <c>GET /api/runs/{id}/events</c>: every accepted change is published on the run's Redis
/// channel, so any Api replica's SSE stream sees changes applied by any other replica. Pub/sub keeps no history:
/// a stream starts from a snapshot of the stored state and then skips anything not newer than it. Stalls change no
/// stored state, so each stream looks for them itself every <see cref="ApiSettings.StallCheckInterval"/>.
/// </summary>
public sealed class RunEventFeed(IConnectionMultiplexer redis, StallMonitor stalls, ApiSettings settings, TimeProvider time)
{
    private static readonly JsonSerializerOptions Json = ForgetCloudApiJson.CreateOptions();

    public Task PublishAsync(RunEvent e) =>
        redis.GetSubscriber().PublishAsync(RunKeys.Events(e.RunId), JsonSerializer.Serialize(e, Json));

    /// <summary>
    /// Subscribes first, then asks for the snapshot, so no change between the two is lost; yields the snapshot and
    /// every later change in version order, a <see cref="StageStall.StalledEvent"/> when a stage stalls (at once for one
    /// stalled already) and a <see cref="StageStall.RecoveredEvent"/> when it beats again; ends after a terminal status.
    /// </summary>
    public async IAsyncEnumerable<RunEvent> StreamAsync(string runId, Func<Task<RunEvent?>> snapshot, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var subscriber = redis.GetSubscriber();
        var queue = await subscriber.SubscribeAsync(RunKeys.Events(runId)).ConfigureAwait(false);
        try
        {
            var first = await snapshot().ConfigureAwait(false);
            if (first is null)
                yield break;
            yield return first;
            var last = first;
            var stalled = new Dictionary<(string ArmId, int Stage), StageStall>();
            var nextCheck = time.GetUtcNow();
            while (!last.IsTerminal)
            {
                if (time.GetUtcNow() >= nextCheck)
                {
                    foreach (var change in await StallChangesAsync(runId, stalled, last).ConfigureAwait(false))
                        yield return change;
                    nextCheck = time.GetUtcNow() + settings.StallCheckInterval;
                }
                ChannelMessage? message;
                try
                {
                    message = await ReadAsync(queue, nextCheck - time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    yield break;
                }
                if (message is null)
                    continue;
                var next = JsonSerializer.Deserialize<RunEvent>(message.Value.Message.ToString(), Json);
                if (next is null || next.Version <= last.Version)
                    continue;
                yield return next;
                last = next;
            }
        }
        finally
        {
            await queue.UnsubscribeAsync().ConfigureAwait(false);
        }
    }

    /// <summary>The next published change, or null when none came within <paramref name="wait"/>.</summary>
    private async Task<ChannelMessage?> ReadAsync(ChannelMessageQueue queue, TimeSpan wait, CancellationToken cancellationToken)
    {
        using var timer = new CancellationTokenSource(wait > TimeSpan.Zero ? wait : TimeSpan.Zero, time);
        using var either = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timer.Token);
        try
        {
            return await queue.ReadAsync(either.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return null;
        }
    }

    /// <summary>Events for the stages that stalled or recovered since the last look; updates <paramref name="stalled"/>.</summary>
    private async Task<List<RunEvent>> StallChangesAsync(string runId, Dictionary<(string ArmId, int Stage), StageStall> stalled, RunEvent last)
    {
        var changes = new List<RunEvent>();
        var inFlight = await stalls.StagesInFlightAsync(runId).ConfigureAwait(false);
        foreach (var stage in inFlight)
        {
            var key = (stage.ArmId, stage.Stage);
            var was = stalled.ContainsKey(key);
            if (stage.Status == StageStatus.Stalled && !was)
            {
                stalled[key] = stage;
                changes.Add(StallEvent(last, stage, StageStall.StalledEvent, string.Create(CultureInfo.InvariantCulture,
                    $"{stage.ArmId} stage {stage.Stage} stalled: no heartbeat since {stage.LastHeartbeat:O} (stall timeout {settings.StallTimeout.TotalSeconds:0} s)")));
            }
            else if (stage.Status != StageStatus.Stalled && was)
            {
                stalled.Remove(key);
                changes.Add(StallEvent(last, stage, StageStall.RecoveredEvent, string.Create(CultureInfo.InvariantCulture,
                    $"{stage.ArmId} stage {stage.Stage} recovered: heartbeat at {stage.LastHeartbeat:O}, {stage.Status.ToString().ToLowerInvariant()} again")));
            }
        }
        // A stage no longer in flight (trained, evaluated, failed) is reported by the study's own event.
        foreach (var gone in stalled.Keys.Where(k => !inFlight.Any(s => (s.ArmId, s.Stage) == k)).ToList())
            stalled.Remove(gone);
        return changes;
    }

    private RunEvent StallEvent(RunEvent last, StageStall stage, string name, string description) =>
        new(last.RunId, last.Version, last.Status, name, description, last.Progress, [], time.GetUtcNow()) { Stall = stage };
}
