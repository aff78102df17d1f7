using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;
using Microsoft.AspNetCore.Mvc;

namespace ForgetCloud.Api.Security;

/// <summary>
/// 401 and 403 as problem details: the scheme's challenge or forbid sets the status and WWW-Authenticate, then the
/// body says what is wrong (no credential, a credential that failed, or a token without the required role).
/// </summary>
public sealed class ProblemAuthorizationResultHandler(IProblemDetailsService problems, ApiSettings settings) : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler _default = new();

    public async Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(authorizeResult);
        if (authorizeResult.Challenged)
        {
            await context.ChallengeAsync();
            var presented = ApiCredentials.AnyPresented(context.Request);
            var failure = context.Features.Get<IAuthenticateResultFeature>()?.AuthenticateResult?.Failure?.Message;
            await WriteAsync(context, StatusCodes.Status401Unauthorized,
                presented ? "Invalid credentials" : "Authentication required",
                presented
                    ? $"{failure ?? "The credential was not accepted."} {HowTo()}"
                    : $"This Api requires authentication. {HowTo()}");
            return;
        }
        if (authorizeResult.Forbidden)
        {
            await context.ForbidAsync();
            await WriteAsync(context, StatusCodes.Status403Forbidden, "Not allowed",
                settings.Authentication.Jwt.RequiredRole is { Length: > 0 } role
                    ? $"The token is valid but does not carry the app role '{role}' this Api requires."
                    : "The caller is authenticated but not allowed to do this.");
            return;
        }
        await _default.HandleAsync(next, context, policy, authorizeResult);
    }

    private string HowTo()
    {
        var auth = settings.Authentication;
        var ways = new List<string>();
        if (auth.HasApiKeys) ways.Add($"an API key as 'Authorization: Bearer <key>' or '{ApiCredentials.ApiKeyHeader}: <key>'");
        if (auth.HasJwt) ways.Add($"an access token from {auth.Jwt.Authority} for {auth.Jwt.Audience} as 'Authorization: Bearer <token>'");
        return $"Send {string.Join(", or ", ways)}.";
    }

    private Task WriteAsync(HttpContext context, int status, string title, string detail)
    {
        context.Response.StatusCode = status;
        return problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = new ProblemDetails { Status = status, Title = title, Detail = detail },
        }).AsTask();
    }
}
