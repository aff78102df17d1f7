using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Configuration;

namespace ForgetCloud.AppHost.Security;

/// <summary>
/// The Api's key (docs/api.md#authentication). Published, the Api requires authentication and takes the key's hash
/// from the secret deployment parameter <c>api-key-hash</c>: left empty, the Api refuses to start open. Run locally,
/// <c>ForgetCloud:ApiKey</c> (user secrets or <c>ForgetCloud__ApiKey</c>) protects it with that key, and the
/// dashboard command sends it; without one the Api runs open and says so in its log.
/// </summary>
public static class ApiKeyExtensions
{
    public const string KeyConfig = "ForgetCloud:ApiKey";
    public const string HashParameter = "api-key-hash";
    public const string HashVariable = "ForgetCloud__Api__Authentication__ApiKeyHashes__0";
    public const string RequiredVariable = "ForgetCloud__Api__Authentication__Required";

    /// <summary>Configures the Api's key; returns the plain key a local caller (the dashboard command) sends, or null.</summary>
    public static IResourceBuilder<ProjectResource> WithApiKey(this IResourceBuilder<ProjectResource> api, IDistributedApplicationBuilder builder, out string? key)
    {
        ArgumentNullException.ThrowIfNull(api);
        ArgumentNullException.ThrowIfNull(builder);
        key = null;
        if (builder.ExecutionContext.IsPublishMode)
        {
            var hash = builder.AddParameter(HashParameter, secret: true);
            return api.WithEnvironment(HashVariable, hash).WithEnvironment(RequiredVariable, "true");
        }
        var configured = builder.Configuration[KeyConfig];
        if (string.IsNullOrWhiteSpace(configured))
            return api;
        key = configured.Trim();
        return api.WithEnvironment(HashVariable, Hash(key));
    }

    /// <summary>What the Api's ApiKeyHash computes: lowercase hex SHA-256 of the key's UTF-8 bytes (the AppHost does not reference the Api's code).</summary>
    public static string Hash(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));
}
