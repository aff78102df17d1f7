using ForgetCloud.Reporting.Scores;

namespace ForgetCloud.Reporting.Analysis;

/// <summary>What the matrices hold, spelled out in the results file (e.g. <c>exact_match,flexible-extract</c>).</summary>
public sealed record PrimaryMetrics(string Gsm8kAccuracy, string AquaRatAccuracy, string Gsm8kNll, string AquaRatNll)
{
    /// <summary>The names for the chosen options (lm-evaluation-harness metric names where they exist).</summary>
    public static PrimaryMetrics For(AnalysisOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new PrimaryMetrics(
            options.Gsm8kAccuracy switch
            {
                Gsm8kAccuracyMetric.FlexibleExtract => "exact_match,flexible-extract",
                Gsm8kAccuracyMetric.StrictMatch => "exact_match,strict-match",
                _ => throw new ArgumentOutOfRangeException(nameof(options), options.Gsm8kAccuracy, "Unknown GSM8K accuracy metric"),
            },
            options.AquaRatAccuracy switch
            {
                AquaRatAccuracyMetric.LogLikelihood => "acc",
                AquaRatAccuracyMetric.LogLikelihoodNorm => "acc_norm",
                AquaRatAccuracyMetric.Generation => "generation_acc",
                _ => throw new ArgumentOutOfRangeException(nameof(options), options.AquaRatAccuracy, "Unknown AQUA-RAT accuracy metric"),
            },
            "answer_nll_per_token",
            "rationale_nll_per_token");
    }
}
