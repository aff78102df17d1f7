using Azure.Storage.Blobs;

namespace ForgetCloud.ServiceDefaults.Blobs;

/// <summary>Builds a <see cref="BlobServiceClient"/> from either spelling Aspire accepts for <c>ConnectionStrings:blobs</c>.</summary>
public static class BlobServiceClientFactory
{
    public static BlobServiceClient Create(string connectionString, string sourceKey)
    {
        // A URI is a service endpoint (with a SAS token in its query); anything else is a key=value connection string.
        if (Uri.TryCreate(connectionString, UriKind.Absolute, out var uri) && (uri.Scheme == "http" || uri.Scheme == "https"))
        {
            if (string.IsNullOrEmpty(uri.Query))
            {
                throw new InvalidOperationException(
                    $"'{sourceKey}' is a blob service URI without a SAS token ('{uri.GetLeftPart(UriPartial.Path)}'): " +
                    "give a storage connection string or a SAS URI (Entra ID credentials are not wired in ForgetCloud).");
            }
            return new BlobServiceClient(uri);
        }
        try
        {
            return new BlobServiceClient(connectionString);
        }
        catch (Exception e) when (e is FormatException or ArgumentException)
        {
            throw new InvalidOperationException(
                $"'{sourceKey}' is not a valid Azure Storage connection string ({e.Message}).", e);
        }
    }
}
