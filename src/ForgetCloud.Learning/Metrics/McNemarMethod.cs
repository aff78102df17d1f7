namespace ForgetCloud.Learning.Metrics;

/// <summary>How a McNemar p-value was computed.</summary>
public enum McNemarMethod
{
    /// <summary>Exact two-sided binomial test on the discordant pairs (b + c below the threshold).</summary>
    ExactBinomial,

    /// <summary>Chi-square with one degree of freedom and Edwards' continuity correction.</summary>
    ChiSquareContinuityCorrected,
}
