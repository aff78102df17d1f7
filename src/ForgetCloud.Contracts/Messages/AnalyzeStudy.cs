using ForgetCloud.Contracts.Configuration;

namespace ForgetCloud.Contracts.Messages;

/// <summary>
/// Command to the analysis (run by the Evaluator): forgetting metrics, plots and final results over every
/// evaluation, written under <see cref="Blobs.BlobLayout.Report"/>; answer with <see cref="AnalysisCompleted"/>.
/// </summary>
/// <param name="RunId">The run.</param>
/// <param name="Evaluations">Every evaluation, ordered by arm (study order) then stage.</param>
/// <param name="ConfigRef">The blob name of the run's config snapshot.</param>
/// <param name="Arms">The run's arms in study order (what the analysis groups by optimizer and seed).</param>
/// <param name="NotEvaluated">
/// Stages that were skipped ("arm stage N"; skip_training): no forgetting analysis is possible, so only the run's
/// metadata is written and announced. Null or empty: the full analysis.
/// </param>
public sealed record AnalyzeStudy(
    string RunId,
    IReadOnlyList<EvaluationLocation> Evaluations,
    string ConfigRef,
    IReadOnlyList<ArmSpec> Arms,
    IReadOnlyList<string>? NotEvaluated = null);
