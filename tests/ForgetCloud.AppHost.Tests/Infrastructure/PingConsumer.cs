using MassTransit;

namespace ForgetCloud.AppHost.Tests.Infrastructure;

/// <summary>Hands each consumed message to the test through <see cref="PingInbox"/>.</summary>
public sealed class PingConsumer(PingInbox inbox) : IConsumer<PingRequested>
{
    public Task Consume(ConsumeContext<PingRequested> context)
    {
        inbox.Received.TrySetResult(context.Message);
        return Task.CompletedTask;
    }
}

public sealed class PingInbox
{
    public TaskCompletionSource<PingRequested> Received { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
}
