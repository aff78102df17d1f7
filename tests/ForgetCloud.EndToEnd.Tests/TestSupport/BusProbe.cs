using System.Collections.Concurrent;
using ForgetCloud.ServiceDefaults.Messaging;
using MassTransit;

namespace ForgetCloud.EndToEnd.Tests.TestSupport;

/// <summary>
/// A MassTransit bus of the test's own on the composition's RabbitMQ: it sees a copy of every published message of the
/// types it watches (on a temporary queue, so the services' queues are untouched) and can publish as a service would.
/// </summary>
public sealed class BusProbe : IAsyncDisposable
{
    private readonly IBusControl _bus;
    private readonly ConcurrentQueue<object> _seen = new();

    private BusProbe(IBusControl bus) => _bus = bus;

    public IReadOnlyList<object> Seen => [.. _seen];

    public IEnumerable<T> SeenOf<T>() => _seen.OfType<T>();

    public static async Task<BusProbe> StartAsync(string amqpConnectionString, Action<IReceiveEndpointConfigurator, Action<object>> watch, CancellationToken token)
    {
        var amqp = AmqpConnectionString.Parse(amqpConnectionString, "messaging");
        BusProbe? probe = null;
        var bus = Bus.Factory.CreateUsingRabbitMq(rabbit =>
        {
            rabbit.Host(amqp.Host, (ushort)amqp.Port, amqp.VirtualHost, host =>
            {
                host.Username(amqp.Username);
                host.Password(amqp.Password);
            });
            rabbit.ReceiveEndpoint(new TemporaryEndpointDefinition(), endpoint => watch(endpoint, message => probe!._seen.Enqueue(message)));
        });
        probe = new BusProbe(bus);
        await bus.StartAsync(token).WaitAsync(DistributedStudyFixture.StepTimeout, token);
        return probe;
    }

    /// <summary>Handles <typeparamref name="T"/> by recording it.</summary>
    public static void Record<T>(IReceiveEndpointConfigurator endpoint, Action<object> record) where T : class =>
        endpoint.Handler<T>(context =>
        {
            record(context.Message);
            return Task.CompletedTask;
        });

    public Task PublishAsync<T>(T message, CancellationToken token) where T : class => _bus.Publish(message, token);

    /// <summary>Waits until a recorded message satisfies <paramref name="match"/>.</summary>
    public async Task<T> WaitForAsync<T>(Func<T, bool> match, TimeSpan timeout, CancellationToken token)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (SeenOf<T>().FirstOrDefault(match) is { } found) return found;
            await Task.Delay(50, token);
        }
        Assert.Fail($"no {typeof(T).Name} as expected within {timeout}; seen: {string.Join(", ", Seen)}");
        return default!;
    }

    public async ValueTask DisposeAsync() => await _bus.StopAsync(CancellationToken.None).WaitAsync(DistributedStudyFixture.StepTimeout);
}
