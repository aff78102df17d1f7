namespace ForgetCloud.ServiceDefaults.Blobs;

/// <summary>How a service reaches blob storage: the value it was configured with, how it authenticates, and the key it came from.</summary>
public sealed record BlobEndpoint(BlobEndpointKind Kind, string Value, string SourceKey);

public enum BlobEndpointKind
{
    /// <summary>A key=value storage connection string (account key, SAS, or Azurite's development account).</summary>
    ConnectionString,

    /// <summary>A blob service URI carrying a SAS token in its query: the token is the credential.</summary>
    SasUri,

    /// <summary>A blob service URI without a token (<c>https://&lt;account&gt;.blob.core.windows.net</c>): Entra ID via DefaultAzureCredential.</summary>
    ServiceUri,
}
