using ForgetCloud.Contracts.Lifecycle;
namespace ForgetCloud.Contracts.Api;

/// <summary><c>GET /api/runs/{id}</c>: status per arm and stage, progress and the metrics reported so far.</summary>
/// <param name="RunId">The run.</param>
/// <param name="Status">Its status.</param>
/// <param name="StatusReason">Why it failed or was cancelled.</param>
/// <param name="CreatedAt">When it was submitted.</param>
/// <param name="Version">Accepted events so far; grows with every change.</param>
/// <param name="Progress">How far it has come.</param>
/// <param name="ConfigRef">The blob name of the config snapshot.</param>
/// <param name="Arms">Every arm, in study order.</param>
/// <param name="DatasetRefs">The prepared datasets (empty until prepared).</param>
/// <param name="ReportRef">The final results blob once analysed.</param>
public sealed record RunDetails(
    string RunId,
    StudyStatus Status,
    string? StatusReason,
    DateTimeOffset CreatedAt,
    long Version,
    RunProgress Progress,
    string? ConfigRef,
    IReadOnlyList<ArmDetails> Arms,
    IReadOnlyList<string> DatasetRefs,
    string? ReportRef);
