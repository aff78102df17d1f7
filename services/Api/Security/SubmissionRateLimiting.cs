using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;

namespace ForgetCloud.Api.Security;

/// <summary>
/// A fixed window of <see cref="RateLimitSettings.PermitLimit"/> submissions per caller: one budget per API key or
/// token subject, or per client address when the Api is open. Past it: 429 problem details with Retry-After.
/// </summary>
public static class SubmissionRateLimiting
{
    public const string PolicyName = "submissions";

    public static WebApplicationBuilder AddSubmissionRateLimiting(this WebApplicationBuilder builder, ApiSettings settings)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(settings);
        var limit = settings.SubmissionRateLimit;
        builder.Services.AddRateLimiter(options =>
        {
            options.AddPolicy(PolicyName, context => RateLimitPartition.GetFixedWindowLimiter(PartitionOf(context), _ => new FixedWindowRateLimiterOptions
            {
                PermitLimit = limit.PermitLimit,
                Window = limit.Window,
                QueueLimit = 0,
                AutoReplenishment = true,
            }));
            options.OnRejected = (rejected, cancellationToken) => RejectAsync(rejected, limit);
        });
        return builder;
    }

    /// <summary>The caller's budget: its identity when authenticated, else its address.</summary>
    public static string PartitionOf(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return ApiAuthentication.CallerId(context.User) is { } caller
            ? "caller:" + caller
            : "address:" + (context.Connection.RemoteIpAddress?.ToString() ?? "unknown");
    }

    private static async ValueTask RejectAsync(OnRejectedContext rejected, RateLimitSettings limit)
    {
        var context = rejected.HttpContext;
        var retryAfter = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : limit.Window;
        var seconds = Math.Max(1, (long)Math.Ceiling(retryAfter.TotalSeconds));
        context.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        await context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = new ProblemDetails
            {
                Status = StatusCodes.Status429TooManyRequests,
                Title = "Too many submissions",
                Detail = $"At most {limit.PermitLimit} runs may be submitted per {limit.Window} by one caller; retry after {seconds} s.",
            },
        });
    }
}
