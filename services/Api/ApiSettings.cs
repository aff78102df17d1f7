using ForgetCloud.Api.Security;

namespace ForgetCloud.Api;

/// <summary>Bound from <c>ForgetCloud:Api</c>.</summary>
public sealed class ApiSettings
{
    public const string SectionName = "ForgetCloud:Api";

    /// <summary>Larger request bodies get 413.</summary>
    public long MaxRequestBodyBytes { get; set; } = Contracts.Api.ApiRoutes.DefaultMaxRequestBodyBytes;

    /// <summary>How often one event is re-applied when another writer changed the run in between.</summary>
    public int MaxConcurrencyRetries { get; set; } = 20;

    /// <summary>
    /// The directory relative input paths of a submitted config resolve against (the workers' view of the
    /// filesystem); null = the Api's current directory. Paths are not checked by the Api.
    /// </summary>
    public string? ConfigBaseDirectory { get; set; }

    /// <summary>Attempts per (arm, stage) for training and for evaluation before the run fails.</summary>
    public int MaxAttempts { get; set; } = 3;

    /// <summary>
    /// A stage in flight whose worker sent no heartbeat for longer than this is shown Stalled (run details and the SSE
    /// feed). Keep it several times the workers' <c>ForgetCloud:Worker:HeartbeatInterval</c>.
    /// </summary>
    public TimeSpan StallTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>How often an open SSE stream looks for stages that stalled or recovered: a quarter of the timeout, 1 to 15 s.</summary>
    public TimeSpan StallCheckInterval => TimeSpan.FromTicks(Math.Clamp(StallTimeout.Ticks / 4, TimeSpan.TicksPerSecond, 15 * TimeSpan.TicksPerSecond));

    /// <summary>API keys, JWT and whether authentication is required (<see cref="AuthenticationSettings"/>).</summary>
    public AuthenticationSettings Authentication { get; set; } = new();

    /// <summary>Submissions per client and window (<see cref="RateLimitSettings"/>).</summary>
    public RateLimitSettings SubmissionRateLimit { get; set; } = new();

    /// <summary>Throws one exception naming every problem, so a deployment is fixed in one go.</summary>
    public void Validate()
    {
        var problems = new List<string>();
        if (MaxRequestBodyBytes < 1024)
            problems.Add($"'{SectionName}:{nameof(MaxRequestBodyBytes)}' must be at least 1024, but was {MaxRequestBodyBytes}.");
        if (MaxConcurrencyRetries < 1)
            problems.Add($"'{SectionName}:{nameof(MaxConcurrencyRetries)}' must be at least 1, but was {MaxConcurrencyRetries}.");
        if (MaxAttempts < 1)
            problems.Add($"'{SectionName}:{nameof(MaxAttempts)}' must be at least 1, but was {MaxAttempts}.");
        if (StallTimeout <= TimeSpan.Zero)
            problems.Add($"'{SectionName}:{nameof(StallTimeout)}' must be positive, but was {StallTimeout}.");
        problems.AddRange(Authentication.Problems());
        problems.AddRange(SubmissionRateLimit.Problems());
        if (problems.Count > 0)
            throw new InvalidOperationException(string.Join(Environment.NewLine, problems));
    }
}
