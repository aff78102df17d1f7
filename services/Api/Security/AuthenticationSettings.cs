namespace ForgetCloud.Api.Security;

/// <summary>Bound from <c>ForgetCloud:Api:Authentication</c>: who may call <c>/api</c>.</summary>
public sealed class AuthenticationSettings
{
    public const string SectionName = ApiSettings.SectionName + ":Authentication";

    /// <summary>
    /// SHA-256 hashes (64 hex characters) of the accepted API keys, never the keys; several allow rotation. Blank
    /// entries are ignored (an unset deployment parameter); anything else that is not a hash stops startup.
    /// </summary>
    public List<string> ApiKeyHashes { get; set; } = [];

    /// <summary>Entra ID (or any OpenID Connect issuer) access tokens; off unless <see cref="JwtSettings.Authority"/> is set.</summary>
    public JwtSettings Jwt { get; set; } = new();

    /// <summary>
    /// True where running open is a mistake: the AppHost sets it on the published app. Then startup fails unless an
    /// API key hash or a JWT authority is configured.
    /// </summary>
    public bool Required { get; set; }

    /// <summary>The configured hashes, parsed; blank entries skipped.</summary>
    public IReadOnlyList<byte[]> KeyHashes() =>
        [.. ApiKeyHashes.Where(h => !string.IsNullOrWhiteSpace(h)).Select(h => ApiKeyHash.Parse(h)!)];

    public bool HasApiKeys => ApiKeyHashes.Any(h => !string.IsNullOrWhiteSpace(h));

    public bool HasJwt => !string.IsNullOrWhiteSpace(Jwt.Authority);

    /// <summary>Whether <c>/api</c> requires a caller to authenticate.</summary>
    public bool IsEnabled => HasApiKeys || HasJwt;

    /// <summary>Every problem of the settings, each naming its key; empty when they are usable.</summary>
    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        for (var i = 0; i < ApiKeyHashes.Count; i++)
        {
            var hash = ApiKeyHashes[i];
            if (!string.IsNullOrWhiteSpace(hash) && ApiKeyHash.Parse(hash) is null)
            {
                problems.Add($"'{SectionName}:{nameof(ApiKeyHashes)}:{i}' is not a SHA-256 hash ({ApiKeyHash.HexLength} hex characters, " +
                    $"{hash.Trim().Length} characters given). Configure the hash of the key, never the key itself: printf %s \"$KEY\" | sha256sum");
            }
        }
        if (HasJwt)
        {
            if (!Uri.TryCreate(Jwt.Authority, UriKind.Absolute, out var authority) || authority.Scheme != Uri.UriSchemeHttps)
                problems.Add($"'{SectionName}:Jwt:{nameof(JwtSettings.Authority)}' must be an absolute https URL such as https://login.microsoftonline.com/<tenant-id>/v2.0, but was '{Jwt.Authority}'.");
            if (string.IsNullOrWhiteSpace(Jwt.Audience))
                problems.Add($"'{SectionName}:Jwt:{nameof(JwtSettings.Audience)}' must be set when Jwt:Authority is (the Api's application ID URI or client id, e.g. api://forgetcloud).");
        }
        else if (!string.IsNullOrWhiteSpace(Jwt.Audience) || !string.IsNullOrWhiteSpace(Jwt.RequiredRole))
        {
            problems.Add($"'{SectionName}:Jwt:{nameof(JwtSettings.Authority)}' must be set when Jwt:Audience or Jwt:RequiredRole is.");
        }
        if (Required && !IsEnabled)
        {
            problems.Add($"Authentication is required ('{SectionName}:{nameof(Required)}' is true, as in the published app) but neither " +
                $"'{SectionName}:{nameof(ApiKeyHashes)}' nor '{SectionName}:Jwt:{nameof(JwtSettings.Authority)}' is configured; " +
                "the Api refuses to start open. Set the api-key-hash deployment parameter to the SHA-256 of a key (printf %s \"$KEY\" | sha256sum), " +
                "or configure Jwt:Authority and Jwt:Audience.");
        }
        return problems;
    }
}
