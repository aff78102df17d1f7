namespace ForgetCloud.AppHost.Infrastructure.Resources;

/// <summary>The connection string of Azurite's blob service behind an endpoint.</summary>
public static class AzuriteConnectionString
{
    /// <summary>Azurite's fixed development account; the key is public and only opens the local emulator.</summary>
    public const string AccountName = "devstoreaccount1";
    public const string AccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    /// <summary>
    /// Uses 127.0.0.1, not localhost: with an IP host the Azure SDK uses path-style URLs (account in the path),
    /// which is what Azurite serves.
    /// </summary>
    public static ReferenceExpression For(EndpointReference blobEndpoint) => ReferenceExpression.Create(
        $"DefaultEndpointsProtocol=http;AccountName={AccountName};AccountKey={AccountKey};BlobEndpoint=http://127.0.0.1:{blobEndpoint.Property(EndpointProperty.Port)}/{AccountName};");
}
