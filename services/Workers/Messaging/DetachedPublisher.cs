using MassTransit;

namespace ForgetCloud.Workers.Messaging;

/// <summary>
/// Publishes what a consumer announces after its consume token may be gone: a stage's checkpoints and progress
/// while training winds down, and failure events. When the broker connection drops mid-message, MassTransit cancels
/// the consume, and a publish through that consume context can wait for ever, holding the delivery (and, with one
/// message at a time, every later one). The bus itself reconnects; each publish is bounded, so a broker that stays
/// away fails the work instead of hanging it, and the broker's redelivery takes over.
/// </summary>
public sealed class DetachedPublisher(IBus bus)
{
    public static readonly TimeSpan Timeout = TimeSpan.FromMinutes(2);

    /// <summary>Publishes; a broker away for longer than <see cref="Timeout"/> is a <see cref="TimeoutException"/>, a failure of the work, not a cancellation of it.</summary>
    public async Task PublishAsync<T>(T message) where T : class
    {
        using var timeout = new CancellationTokenSource(Timeout);
        try
        {
            await bus.Publish(message, timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException e) when (timeout.IsCancellationRequested)
        {
            throw new TimeoutException($"publishing {typeof(T).Name} did not complete within {Timeout.TotalMinutes:0} minutes: the broker is unreachable", e);
        }
    }
}
