namespace ForgetCloud.Api.Security;

/// <summary>Bound from <c>ForgetCloud:Api:Authentication:Jwt</c>: bearer tokens from Entra ID (or another OpenID Connect issuer).</summary>
public sealed class JwtSettings
{
    /// <summary>The issuer whose metadata names the signing keys, e.g. <c>https://login.microsoftonline.com/&lt;tenant-id&gt;/v2.0</c>.</summary>
    public string? Authority { get; set; }

    /// <summary>The audience tokens must be issued for: the Api's application ID URI or client id.</summary>
    public string? Audience { get; set; }

    /// <summary>An app role (the token's <c>roles</c> claim) a token must carry; null = any valid token. A token without it is 403.</summary>
    public string? RequiredRole { get; set; }
}
