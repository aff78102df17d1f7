namespace ForgetCloud.Contracts.Api;

/// <summary>The optional body of <c>POST /api/runs/{id}/cancel</c>.</summary>
/// <param name="Reason">Why; recorded as the run's status reason.</param>
public sealed record CancelRunRequest(string? Reason);
