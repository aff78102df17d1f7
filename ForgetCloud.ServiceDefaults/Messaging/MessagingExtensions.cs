using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace ForgetCloud.ServiceDefaults.Messaging;

/// <summary>The one place that registers MassTransit over RabbitMQ for every ForgetCloud service.</summary>
public static class MessagingExtensions
{
    public const string DefaultConnectionName = "messaging";

    /// <summary>
    /// Registers MassTransit on RabbitMQ from <c>ConnectionStrings:{connectionName}</c> (an amqp URI), with kebab-case
    /// endpoint names and one receive endpoint per registered consumer. <paramref name="configureConsumers"/> adds the
    /// service's consumers (<c>x.AddConsumer&lt;TrainStageConsumer&gt;()</c>). MassTransit's own health checks
    /// (tagged "ready") join <c>/health</c>. The host waits until the bus is connected before it reports started.
    /// </summary>
    public static TBuilder AddForgetCloudMessaging<TBuilder>(
        this TBuilder builder,
        Action<IBusRegistrationConfigurator>? configureConsumers = null,
        string connectionName = DefaultConnectionName) where TBuilder : IHostApplicationBuilder
    {
        ArgumentNullException.ThrowIfNull(builder);
        var key = $"ConnectionStrings:{connectionName}";
        var connectionString = builder.Configuration.GetConnectionString(connectionName);
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            throw new InvalidOperationException(
                $"Missing configuration '{key}': the RabbitMQ amqp URI. The AppHost sets it via WithReference(messaging).");
        }
        var amqp = AmqpConnectionString.Parse(connectionString, key);
        var settings = builder.Configuration.GetSection(MessagingSettings.SectionName).Get<MessagingSettings>() ?? new MessagingSettings();
        if (settings.AcknowledgementTimeout is { } timeout && timeout <= TimeSpan.Zero)
        {
            throw new InvalidOperationException(
                $"'{MessagingSettings.SectionName}:{nameof(MessagingSettings.AcknowledgementTimeout)}' must be positive, but was {timeout}.");
        }
        if (settings.PrefetchCount < 0)
        {
            throw new InvalidOperationException(
                $"'{MessagingSettings.SectionName}:{nameof(MessagingSettings.PrefetchCount)}' must be >= 0, but was {settings.PrefetchCount}.");
        }

        builder.Services.AddMassTransit(bus =>
        {
            // MassTransit reports host and usage details to usage-tracking.masstransit.io by default: nothing a research
            // cluster should send a third party (and offline, a logged stack trace per process).
            bus.DisableUsageTelemetry();
            bus.SetKebabCaseEndpointNameFormatter();
            configureConsumers?.Invoke(bus);
            if (settings.AcknowledgementTimeout is { } ackTimeout)
            {
                bus.AddConfigureEndpointsCallback((_, _, endpoint) =>
                {
                    if (endpoint is IRabbitMqReceiveEndpointConfigurator rabbit)
                    {
                        rabbit.SetDeliveryAcknowledgementTimeout(ackTimeout);
                    }
                });
            }
            bus.UsingRabbitMq((context, rabbit) =>
            {
                rabbit.Host(amqp.Host, (ushort)amqp.Port, amqp.VirtualHost, host =>
                {
                    host.Username(amqp.Username);
                    host.Password(amqp.Password);
                    if (amqp.UseTls)
                    {
                        host.UseSsl(ssl => ssl.ServerName = amqp.Host);
                    }
                });
                if (settings.PrefetchCount > 0)
                {
                    rabbit.PrefetchCount = settings.PrefetchCount;
                }
                rabbit.ConfigureEndpoints(context);
            });
        });
        // Start fails loudly when the broker is unreachable instead of a service that looks up but never consumes.
        builder.Services.AddOptions<MassTransitHostOptions>().Configure(options =>
        {
            options.WaitUntilStarted = true;
            options.StartTimeout = TimeSpan.FromSeconds(60);
            options.StopTimeout = TimeSpan.FromSeconds(30);
        });
        return builder;
    }
}
