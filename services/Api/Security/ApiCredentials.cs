using Microsoft.Net.Http.Headers;

namespace ForgetCloud.Api.Security;

/// <summary>Where a caller's credential travels: <c>Authorization: Bearer &lt;key or token&gt;</c> or <c>X-Api-Key: &lt;key&gt;</c>.</summary>
public static class ApiCredentials
{
    public const string ApiKeyHeader = Contracts.Api.ApiKeys.HeaderName;
    private const string BearerPrefix = "Bearer ";

    /// <summary>The X-Api-Key value, else the bearer token; null when the request carries neither.</summary>
    public static string? Presented(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Headers.TryGetValue(ApiKeyHeader, out var key))
            return key.ToString().Trim();
        return BearerToken(request);
    }

    /// <summary>The token of <c>Authorization: Bearer ...</c>, or null.</summary>
    public static string? BearerToken(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var authorization = request.Headers[HeaderNames.Authorization].ToString();
        return authorization.StartsWith(BearerPrefix, StringComparison.OrdinalIgnoreCase) ? authorization[BearerPrefix.Length..].Trim() : null;
    }

    /// <summary>Whether the request carries any credential (of a scheme we know or not).</summary>
    public static bool AnyPresented(HttpRequest request) =>
        request.Headers.ContainsKey(ApiKeyHeader) || request.Headers.ContainsKey(HeaderNames.Authorization);

    /// <summary>A JWT is three base64url parts joined by dots; an API key is none of that.</summary>
    public static bool LooksLikeJwt(string token) => token.Count(c => c == '.') == 2;
}
