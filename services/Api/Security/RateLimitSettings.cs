namespace ForgetCloud.Api.Security;

/// <summary>Bound from <c>ForgetCloud:Api:SubmissionRateLimit</c>: how many runs one client may submit per window.</summary>
public sealed class RateLimitSettings
{
    public const string SectionName = ApiSettings.SectionName + ":SubmissionRateLimit";

    /// <summary>Submissions per client (API key, token subject, or address when the Api is open) per window.</summary>
    public int PermitLimit { get; set; } = 10;

    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(1);

    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        if (PermitLimit < 1)
            problems.Add($"'{SectionName}:{nameof(PermitLimit)}' must be at least 1, but was {PermitLimit}.");
        if (Window <= TimeSpan.Zero)
            problems.Add($"'{SectionName}:{nameof(Window)}' must be a positive TimeSpan such as 00:01:00, but was {Window}.");
        return problems;
    }
}
