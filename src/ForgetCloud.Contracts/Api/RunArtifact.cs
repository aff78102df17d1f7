namespace ForgetCloud.Contracts.Api;

/// <summary>One file of <c>GET /api/runs/{id}/artifacts</c>: every blob under the run's folder.</summary>
/// <param name="Path">Relative to the run's folder (<c>report/final_results.json</c>); what <c>artifacts/{path}</c> takes.</param>
/// <param name="Size">Its length in bytes.</param>
public sealed record RunArtifact(string Path, long Size);
