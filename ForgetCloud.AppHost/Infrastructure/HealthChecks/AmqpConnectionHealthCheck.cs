using Microsoft.Extensions.Diagnostics.HealthChecks;
using RabbitMQ.Client;

namespace ForgetCloud.AppHost.Infrastructure.HealthChecks;

/// <summary>Opens (and closes) a full AMQP 0-9-1 connection: handshake, authentication, virtual host.</summary>
public sealed class AmqpConnectionHealthCheck(IResourceWithConnectionString resource) : ConnectionStringHealthCheck(resource)
{
    protected override async Task<HealthCheckResult> ProbeAsync(string connectionString, CancellationToken cancellationToken)
    {
        var factory = new ConnectionFactory
        {
            Uri = new Uri(connectionString),
            RequestedConnectionTimeout = ProbeTimeout,
            AutomaticRecoveryEnabled = false,
            ClientProvidedName = "forgetcloud-apphost-health",
        };
        await using var connection = await factory.CreateConnectionAsync(cancellationToken).ConfigureAwait(false);
        await connection.CloseAsync(cancellationToken).ConfigureAwait(false);
        return HealthCheckResult.Healthy();
    }
}
