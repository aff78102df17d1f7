using ForgetCloud.Learning.Metrics;

namespace ForgetCloud.Reporting.Analysis;

/// <summary>
/// One metric family (accuracy or NLL) of one arm: the matrix R[stage][task] (rows base, after stage 1, after
/// stage 2; columns GSM8K, AQUA-RAT), each entry's bootstrap CI, the forgetting report's entries, and the
/// single-task differences with paired bootstrap CIs.
/// </summary>
public sealed record MetricAnalysis(
    string Metric,
    MetricDirection Direction,
    IReadOnlyList<IReadOnlyList<double>> Matrix,
    IReadOnlyList<IReadOnlyList<ConfidenceInterval>> MatrixIntervals,
    IReadOnlyList<ForgettingMetric> Forgetting,
    IReadOnlyList<DifferenceEstimate> Differences)
{
    /// <summary>The matrix as the metrics library's type.</summary>
    public ScoreMatrix ToScoreMatrix() => new(Metric, Direction, Matrix);

    /// <summary>The forgetting entry named <paramref name="name"/>.</summary>
    public ForgettingMetric ForgettingEntry(string name) =>
        Forgetting.FirstOrDefault(f => f.Name == name)
        ?? throw new KeyNotFoundException($"No forgetting metric '{name}' for {Metric}");

    /// <summary>The difference named <paramref name="name"/>.</summary>
    public DifferenceEstimate Difference(string name) =>
        Differences.FirstOrDefault(d => d.Name == name)
        ?? throw new KeyNotFoundException($"No difference '{name}' for {Metric}");
}
