using Azure.Storage.Blobs;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ForgetCloud.ServiceDefaults.Blobs;

/// <summary>Creates the ForgetCloud container at startup when it is missing, so no request path has to.</summary>
public sealed partial class BlobContainerInitializer(BlobContainerClient container, ILogger<BlobContainerInitializer> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var created = await container.CreateIfNotExistsAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        if (created is not null)
        {
            LogCreated(logger, container.Name, container.Uri);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "Created blob container {Container} at {Uri}.")]
    private static partial void LogCreated(ILogger logger, string container, Uri uri);
}
