using System.Runtime.CompilerServices;
using System.Text.Json;
using ForgetCloud.Contracts.Api;
using StackExchange.Redis;

namespace ForgetCloud.Api.Runs;

/// <summary>
/// The live feed behind <c>GET /api/runs/{id}/events</c>: every accepted change is published on the run's Redis
/// channel, so any Api replica's SSE stream sees changes applied by any other replica. Pub/sub keeps no history:
/// a stream starts from a snapshot of the stored state and then skips anything not newer than it.
/// </summary>
public sealed class RunEventFeed(IConnectionMultiplexer redis)
{
    private static readonly JsonSerializerOptions Json = ForgetCloudApiJson.CreateOptions();

    public Task PublishAsync(RunEvent e) =>
        redis.GetSubscriber().PublishAsync(RunKeys.Events(e.RunId), JsonSerializer.Serialize(e, Json));

    /// <summary>
    /// Subscribes first, then asks for the snapshot, so no change between the two is lost; yields the snapshot and
    /// every later change in version order, and ends after a terminal status.
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
            while (!last.IsTerminal)
            {
                ChannelMessage message;
                try
                {
                    message = await queue.ReadAsync(cancellationToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    yield break;
                }
                var next = JsonSerializer.Deserialize<RunEvent>(message.Message.ToString(), Json);
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
}
