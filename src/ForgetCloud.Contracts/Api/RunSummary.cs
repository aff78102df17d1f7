using ForgetCloud.Contracts.Lifecycle;
namespace ForgetCloud.Contracts.Api;

/// <summary>One line of <c>GET /api/runs</c>.</summary>
/// <param name="RunId">The run.</param>
/// <param name="Status">Its status.</param>
/// <param name="CreatedAt">When it was submitted.</param>
/// <param name="Progress">Done work in [0, 1].</param>
/// <param name="Arms">The arm ids.</param>
/// <param name="StatusReason">Why it failed or was cancelled.</param>
public sealed record RunSummary(string RunId, StudyStatus Status, DateTimeOffset CreatedAt, double Progress, IReadOnlyList<string> Arms, string? StatusReason);
