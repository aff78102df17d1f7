using Azure.Storage.Blobs;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace ForgetCloud.ServiceDefaults.Blobs;

/// <summary>Healthy when the blob service answers a real request for the ForgetCloud container.</summary>
public sealed class BlobStoreHealthCheck(BlobContainerClient container) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var exists = await container.ExistsAsync(cancellationToken).ConfigureAwait(false);
            return exists.Value
                ? HealthCheckResult.Healthy($"Container '{container.Name}' is reachable.")
                : HealthCheckResult.Unhealthy($"Container '{container.Name}' does not exist on {container.Uri}.");
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return HealthCheckResult.Unhealthy($"Blob service at {container.Uri} did not answer.", e);
        }
    }
}
