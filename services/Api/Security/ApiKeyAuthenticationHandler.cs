using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace ForgetCloud.Api.Security;

/// <summary>
/// Authenticates a request whose <c>X-Api-Key</c> or bearer token is a configured API key. The principal is named for
/// the key's hash prefix (<c>api-key:1a2b3c4d</c>): enough to tell keys apart in logs and rate limits, useless to an attacker.
/// </summary>
public sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, ApiSettings settings)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";

    private readonly IReadOnlyList<byte[]> _hashes = settings.Authentication.KeyHashes();

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (ApiCredentials.Presented(Request) is not { } key)
            return Task.FromResult(AuthenticateResult.NoResult());
        if (key.Length == 0)
            return Task.FromResult(AuthenticateResult.Fail("The API key is empty."));
        var index = ApiKeyHash.Match(key, _hashes);
        if (index < 0)
            return Task.FromResult(AuthenticateResult.Fail("The API key is not valid."));
        var name = "api-key:" + Convert.ToHexStringLower(_hashes[index])[..8];
        var identity = new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, name), new Claim(ClaimTypes.Name, name)], SchemeName);
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName)));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = "Bearer realm=\"ForgetCloud\"";
        return Task.CompletedTask;
    }
}
