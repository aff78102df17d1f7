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

    public async Task PublishAsync<T>(T message) where T : class
    {
        using var timeout = new CancellationTokenSource(Timeout);
        await bus.Publish(message, timeout.Token).ConfigureAwait(false);
    }
}
