using Azure.Core;
using Azure.Identity;
using Azure.Storage.Blobs;

namespace ForgetCloud.ServiceDefaults.Blobs;

/// <summary>Builds a <see cref="BlobServiceClient"/> for a <see cref="BlobEndpoint"/>.</summary>
public static class BlobServiceClientFactory
{
    /// <summary>
    /// A token-less service URI authenticates with <paramref name="credential"/>, by default a
    /// <see cref="DefaultAzureCredential"/> (in Azure Container Apps: the user-assigned identity named by AZURE_CLIENT_ID).
    /// </summary>
    public static BlobServiceClient Create(BlobEndpoint endpoint, TokenCredential? credential = null)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        switch (endpoint.Kind)
        {
            case BlobEndpointKind.ServiceUri:
                return new BlobServiceClient(new Uri(endpoint.Value), credential ?? new DefaultAzureCredential());
            case BlobEndpointKind.SasUri:
                return new BlobServiceClient(new Uri(endpoint.Value));
            default:
                try
                {
                    return new BlobServiceClient(endpoint.Value);
                }
                catch (Exception e) when (e is FormatException or ArgumentException)
                {
                    throw new InvalidOperationException(
                        $"'{endpoint.SourceKey}' is not a valid Azure Storage connection string ({e.Message}).", e);
                }
        }
    }

    /// <summary>A client for a value given as <c>ConnectionStrings:blobs</c> would be (a connection string or a URI).</summary>
    public static BlobServiceClient Create(string connectionString, string sourceKey) =>
        Create(BlobEndpointResolver.Classify(connectionString, sourceKey));
}
