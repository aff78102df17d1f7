using ForgetCloud.Learning.Metrics;

namespace ForgetCloud.Reporting.Analysis;

/// <summary>The whole study's analysis: the content of <c>final_results.json</c> (schema: docs/outputs.md).</summary>
public sealed record StudyAnalysis(
    int SchemaVersion,
    PrimaryMetrics PrimaryMetrics,
    BootstrapOptions Bootstrap,
    IReadOnlyList<ArmAnalysis> Arms,
    IReadOnlyList<OptimizerSummary> Optimizers,
    IReadOnlyList<OptimizerComparison> Comparisons)
{
    /// <summary>Version of the file's schema; bumped on incompatible changes.</summary>
    public const int CurrentSchemaVersion = 1;

    /// <summary>The arm with id <paramref name="armId"/>.</summary>
    public ArmAnalysis Arm(string armId) =>
        Arms.FirstOrDefault(a => a.ArmId == armId) ?? throw new KeyNotFoundException($"No arm '{armId}' in the analysis");
}
