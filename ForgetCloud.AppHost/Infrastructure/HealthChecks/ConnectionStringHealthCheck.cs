using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace ForgetCloud.AppHost.Infrastructure.HealthChecks;

/// <summary>
/// Base of the protocol checks: resolves the resource's connection string (its proxied port is only known once
/// allocated) and reports any failure to talk to the server as Unhealthy with the cause.
/// </summary>
public abstract class ConnectionStringHealthCheck(IResourceWithConnectionString resource) : IHealthCheck
{
    protected static readonly TimeSpan ProbeTimeout = TimeSpan.FromSeconds(5);

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var connectionString = await resource.GetConnectionStringAsync(cancellationToken).ConfigureAwait(false);
            if (string.IsNullOrEmpty(connectionString))
            {
                return HealthCheckResult.Unhealthy($"'{resource.Name}' has no connection string yet.");
            }
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(ProbeTimeout);
            return await ProbeAsync(connectionString, timeout.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            // DCP's proxy accepts TCP before the server listens: a reset or a half-open handshake lands here.
            return HealthCheckResult.Unhealthy($"'{resource.Name}' did not answer: {e.Message}", e);
        }
    }

    /// <summary>Speaks the server's protocol once; Healthy only on a correct answer.</summary>
    protected abstract Task<HealthCheckResult> ProbeAsync(string connectionString, CancellationToken cancellationToken);
}
