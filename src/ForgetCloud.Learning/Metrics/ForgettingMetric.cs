namespace ForgetCloud.Learning.Metrics;

/// <summary>One named forgetting-analysis value with its direction, formula and source, as written to results.</summary>
public sealed record ForgettingMetric(string Name, double Value, MetricDirection Direction, string Formula, string Source);
