using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authorization;

namespace ForgetCloud.Api.Security;

/// <summary>
/// Registers who may call <c>/api</c>: API keys, Entra ID tokens, or both (a policy scheme picks per request: a bearer
/// token shaped like a JWT goes to the JWT handler, anything else to the key check). With neither configured the Api
/// is open and says so in its startup log.
/// </summary>
public static partial class ApiAuthentication
{
    public const string PolicySchemeName = "ForgetCloud";
    public const string CallerPolicy = "ForgetCloudCaller";

    /// <summary>The JWT claim Entra ID puts app roles in.</summary>
    public const string RolesClaim = "roles";

    public static WebApplicationBuilder AddForgetCloudAuthentication(this WebApplicationBuilder builder, ApiSettings settings)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(settings);
        var auth = settings.Authentication;
        builder.Services.AddSingleton<IAuthorizationMiddlewareResultHandler, ProblemAuthorizationResultHandler>();
        if (!auth.IsEnabled)
        {
            builder.Services.AddAuthentication();
            builder.Services.AddAuthorization();
            return builder;
        }

        var schemes = builder.Services.AddAuthentication(PolicySchemeName);
        schemes.AddPolicyScheme(PolicySchemeName, "API key or Entra ID token", o => o.ForwardDefaultSelector = context => SchemeFor(context.Request, auth));
        if (auth.HasApiKeys)
            schemes.AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null);
        if (auth.HasJwt)
        {
            schemes.AddJwtBearer(JwtBearerDefaults.AuthenticationScheme, o =>
            {
                o.Authority = auth.Jwt.Authority;
                o.Audience = auth.Jwt.Audience;
                // Claims keep their JWT names (sub, oid, roles) instead of the WS-Federation URIs.
                o.MapInboundClaims = false;
                o.TokenValidationParameters.RoleClaimType = RolesClaim;
            });
        }
        builder.Services.AddAuthorization(o => o.AddPolicy(CallerPolicy, policy =>
        {
            policy.RequireAuthenticatedUser();
            if (auth.Jwt.RequiredRole is { Length: > 0 } role)
            {
                // An API key stands for the operator: the role gates tokens only.
                policy.RequireAssertion(c => c.User.Identity?.AuthenticationType == ApiKeyAuthenticationHandler.SchemeName || c.User.HasClaim(RolesClaim, role));
            }
        }));
        return builder;
    }

    /// <summary>Requires an authenticated caller on <paramref name="group"/> when authentication is configured.</summary>
    public static RouteGroupBuilder RequireForgetCloudCaller(this RouteGroupBuilder group, ApiSettings settings)
    {
        ArgumentNullException.ThrowIfNull(group);
        ArgumentNullException.ThrowIfNull(settings);
        return settings.Authentication.IsEnabled ? group.RequireAuthorization(CallerPolicy) : group;
    }

    /// <summary>Who is calling, for rate limits: the key or token subject, null for an anonymous caller.</summary>
    public static string? CallerId(ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (user.Identity?.IsAuthenticated != true) return null;
        return user.FindFirst(ClaimTypes.NameIdentifier)?.Value ?? user.FindFirst("oid")?.Value ?? user.FindFirst("sub")?.Value ?? user.Identity.Name;
    }

    /// <summary>Says in the startup log whether, and how, <c>/api</c> is protected.</summary>
    public static void LogMode(ILogger logger, ApiSettings settings)
    {
        ArgumentNullException.ThrowIfNull(logger);
        ArgumentNullException.ThrowIfNull(settings);
        var auth = settings.Authentication;
        if (!auth.IsEnabled)
        {
            LogOpen(logger, AuthenticationSettings.SectionName);
            return;
        }
        var schemes = new List<string>();
        if (auth.HasApiKeys) schemes.Add($"API keys ({auth.KeyHashes().Count})");
        if (auth.HasJwt) schemes.Add($"JWT bearer from {auth.Jwt.Authority} for {auth.Jwt.Audience}" + (auth.Jwt.RequiredRole is { Length: > 0 } r ? $" with role {r}" : ""));
        LogProtected(logger, string.Join(" or ", schemes));
    }

    private static string SchemeFor(HttpRequest request, AuthenticationSettings auth)
    {
        if (!auth.HasJwt) return ApiKeyAuthenticationHandler.SchemeName;
        if (!auth.HasApiKeys) return JwtBearerDefaults.AuthenticationScheme;
        if (request.Headers.ContainsKey(ApiCredentials.ApiKeyHeader)) return ApiKeyAuthenticationHandler.SchemeName;
        return ApiCredentials.BearerToken(request) is { } token && ApiCredentials.LooksLikeJwt(token)
            ? JwtBearerDefaults.AuthenticationScheme
            : ApiKeyAuthenticationHandler.SchemeName;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The Api is OPEN: no authentication is configured ({Section}:ApiKeyHashes or :Jwt:Authority), so anyone who can reach it may submit and cancel runs. Fine on a developer machine; see docs/api.md#authentication.")]
    private static partial void LogOpen(ILogger logger, string section);

    [LoggerMessage(Level = LogLevel.Information, Message = "Authentication required on /api: {Schemes}; /health and /alive stay open.")]
    private static partial void LogProtected(ILogger logger, string schemes);
}
