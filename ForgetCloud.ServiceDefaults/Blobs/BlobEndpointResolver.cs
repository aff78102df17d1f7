using Microsoft.Extensions.Configuration;

namespace ForgetCloud.ServiceDefaults.Blobs;

/// <summary>
/// Picks the blob endpoint the way Aspire's Azure Blob integration does: <c>ConnectionStrings:{name}</c> first (a
/// connection string, or a service URI), else <c>Aspire:Azure:Storage:Blobs:ConnectionString</c>, else
/// <c>Aspire:Azure:Storage:Blobs:ServiceUri</c>.
/// </summary>
public static class BlobEndpointResolver
{
    public const string ConnectionStringKey = $"{BlobStoreSettings.SectionName}:ConnectionString";
    public const string ServiceUriKey = $"{BlobStoreSettings.SectionName}:ServiceUri";

    public static BlobEndpoint Resolve(IConfiguration configuration, string connectionName)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var candidates = new (string Key, string? Value)[]
        {
            ($"ConnectionStrings:{connectionName}", configuration.GetConnectionString(connectionName)),
            (ConnectionStringKey, configuration[ConnectionStringKey]),
            (ServiceUriKey, configuration[ServiceUriKey]),
        };
        foreach (var (key, value) in candidates)
        {
            if (!string.IsNullOrWhiteSpace(value))
                return Classify(value.Trim(), key);
        }
        throw new InvalidOperationException(
            $"Missing configuration '{candidates[0].Key}' (or '{ConnectionStringKey}', or '{ServiceUriKey}'): the blob storage " +
            "connection string or service URI. The AppHost sets it via WithReference(blobs).");
    }

    /// <summary>What one configured value is: a URI (with or without a SAS token) or a key=value connection string.</summary>
    public static BlobEndpoint Classify(string value, string key)
    {
        var isUri = Uri.TryCreate(value, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps);
        if (key == ServiceUriKey && !isUri)
            throw new InvalidOperationException($"'{key}' must be an http(s) blob service URI, but was '{value}'.");
        if (!isUri)
            return new BlobEndpoint(BlobEndpointKind.ConnectionString, value, key);
        // A token in the query is the credential; without one the service's identity must be authorised (RBAC).
        if (!string.IsNullOrEmpty(uri!.Query))
            return new BlobEndpoint(BlobEndpointKind.SasUri, value, key);
        // The SDK refuses to send a bearer token in clear text; say so with the key instead of its stack trace.
        return uri.Scheme == Uri.UriSchemeHttps
            ? new BlobEndpoint(BlobEndpointKind.ServiceUri, value, key)
            : throw new InvalidOperationException(
                $"'{key}' = '{value}' is an http blob service URI without a SAS token: Entra ID credentials need https " +
                "(or give a connection string or a SAS URI).");
    }
}
