namespace ForgetCloud.ServiceDefaults.Messaging;

/// <summary>Bound from the configuration section <c>ForgetCloud:Messaging</c>.</summary>
public sealed class MessagingSettings
{
    public const string SectionName = "ForgetCloud:Messaging";

    /// <summary>
    /// When set, every receive queue is declared with <c>x-consumer-timeout</c> (RabbitMQ 3.12 and newer honour it;
    /// older servers ignore it). Use it against a broker whose configuration you cannot change; the AppHost's own
    /// servers are configured server-side instead. Changing it later makes RabbitMQ refuse the redeclaration
    /// (inequivalent arguments) until the queues are deleted, so choose it once per broker.
    /// </summary>
    public TimeSpan? AcknowledgementTimeout { get; set; }

    /// <summary>How many unacknowledged messages a consumer may hold; 0 keeps MassTransit's default.</summary>
    public int PrefetchCount { get; set; }
}
