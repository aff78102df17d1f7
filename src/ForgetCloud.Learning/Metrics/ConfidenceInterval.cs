namespace ForgetCloud.Learning.Metrics;

/// <summary>A point estimate with a two-sided confidence interval.</summary>
/// <param name="Estimate">The statistic on the original sample.</param>
/// <param name="Lower">Lower bound.</param>
/// <param name="Upper">Upper bound.</param>
/// <param name="Level">Confidence level (0.95 for 95%).</param>
/// <param name="Method">How the bounds were computed.</param>
public sealed record ConfidenceInterval(double Estimate, double Lower, double Upper, double Level, IntervalMethod Method)
{
    /// <summary>Whether the interval excludes <paramref name="value"/> (e.g. 0 for "a real difference").</summary>
    public bool Excludes(double value) => value < Lower || value > Upper;

    /// <summary>Upper - Lower.</summary>
    public double Width => Upper - Lower;
}
