namespace ForgetCloud.Learning.Metrics;

/// <summary>Mean and spread of one score over independent training seeds of one arm.</summary>
/// <param name="Count">Number of seeds.</param>
/// <param name="Mean">Arithmetic mean.</param>
/// <param name="StandardDeviation">Sample standard deviation (n - 1 denominator); null with a single seed.</param>
/// <param name="Interval">mean +- t_{(1+level)/2, n-1} * sd / sqrt(n); null with a single seed.</param>
public sealed record SeedSummary(int Count, double Mean, double? StandardDeviation, ConfidenceInterval? Interval);
