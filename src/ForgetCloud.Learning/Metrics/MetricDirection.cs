namespace ForgetCloud.Learning.Metrics;

/// <summary>Which way a score improves.</summary>
public enum MetricDirection
{
    /// <summary>Larger is better (accuracy, F1).</summary>
    HigherIsBetter,

    /// <summary>Smaller is better (NLL, forgetting).</summary>
    LowerIsBetter,
}
