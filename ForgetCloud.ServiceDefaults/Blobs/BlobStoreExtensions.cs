using Azure.Storage.Blobs;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace ForgetCloud.ServiceDefaults.Blobs;

/// <summary>The small equivalent of Aspire.Azure.Storage.Blobs (not served here), honouring the same keys.</summary>
public static class BlobStoreExtensions
{
    public const string DefaultConnectionName = "blobs";

    /// <summary>
    /// Registers a singleton <see cref="BlobServiceClient"/> from <c>ConnectionStrings:{connectionName}</c> (or
    /// <c>Aspire:Azure:Storage:Blobs:ConnectionString</c> / <c>ServiceUri</c>; a URI without a SAS token authenticates
    /// with DefaultAzureCredential, see <see cref="BlobEndpointResolver"/>), a singleton <see cref="BlobContainerClient"/> for the
    /// container named by <c>ForgetCloud:Blobs:ContainerName</c> (default "forgetcloud", created at startup when
    /// missing) and a health check named <paramref name="connectionName"/> that calls the service.
    /// </summary>
    public static TBuilder AddForgetCloudBlobStore<TBuilder>(this TBuilder builder, string connectionName = DefaultConnectionName)
        where TBuilder : IHostApplicationBuilder
    {
        ArgumentNullException.ThrowIfNull(builder);
        var settings = builder.Configuration.GetSection(BlobStoreSettings.SectionName).Get<BlobStoreSettings>() ?? new BlobStoreSettings();
        var endpoint = BlobEndpointResolver.Resolve(builder.Configuration, connectionName);
        var containerName = builder.Configuration[BlobStoreSettings.ContainerNameKey] ?? BlobStoreSettings.DefaultContainerName;
        ValidateContainerName(containerName);

        // Built eagerly so a malformed connection string fails at startup, naming its key.
        var service = BlobServiceClientFactory.Create(endpoint);
        builder.Services.AddSingleton(service);
        builder.Services.AddSingleton(service.GetBlobContainerClient(containerName));
        builder.Services.AddHostedService<BlobContainerInitializer>();
        if (!settings.DisableHealthChecks)
        {
            builder.Services.AddHealthChecks().AddCheck<BlobStoreHealthCheck>(connectionName, tags: ["ready"]);
        }
        return builder;
    }

    /// <summary>Azure's rule: 3-63 characters, lowercase letters, digits and single hyphens, starting with a letter or digit.</summary>
    private static void ValidateContainerName(string name)
    {
        var valid = name.Length is >= 3 and <= 63
            && name.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-')
            && name[0] != '-' && name[^1] != '-'
            && !name.Contains("--", StringComparison.Ordinal);
        if (!valid)
        {
            throw new InvalidOperationException(
                $"'{BlobStoreSettings.ContainerNameKey}' = '{name}' is not a valid blob container name " +
                "(3-63 lowercase letters, digits and single hyphens, not starting or ending with a hyphen).");
        }
    }
}
