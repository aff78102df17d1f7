using Azure.Storage.Blobs;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace ForgetCloud.AppHost.Infrastructure.HealthChecks;

/// <summary>Asks the blob service for its properties: an authenticated request Azurite has to answer.</summary>
public sealed class BlobServiceHealthCheck(IResourceWithConnectionString resource) : ConnectionStringHealthCheck(resource)
{
    protected override async Task<HealthCheckResult> ProbeAsync(string connectionString, CancellationToken cancellationToken)
    {
        var options = new BlobClientOptions();
        // The health service polls again by itself; SDK retries would only delay the answer.
        options.Retry.MaxRetries = 0;
        options.Retry.NetworkTimeout = ProbeTimeout;
        var client = new BlobServiceClient(connectionString, options);
        await client.GetPropertiesAsync(cancellationToken).ConfigureAwait(false);
        return HealthCheckResult.Healthy();
    }
}
