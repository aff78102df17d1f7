using ForgetCloud.Contracts.Configuration;
using ForgetCloud.Learning.Metrics;
using ForgetCloud.Reporting.Scores;

namespace ForgetCloud.Reporting.Analysis;

/// <summary>How a study's evaluations are turned into its analysis.</summary>
/// <param name="Gsm8kAccuracy">GSM8K accuracy in the matrix R (default flexible-extract; see docs/outputs.md).</param>
/// <param name="AquaRatAccuracy">AQUA-RAT accuracy in the matrix R (default log-likelihood <c>acc</c>).</param>
/// <param name="Bootstrap">Resamples, level and seed of every bootstrap CI; null = <see cref="BootstrapOptions.Default"/>.</param>
public sealed record AnalysisOptions(
    Gsm8kAccuracyMetric Gsm8kAccuracy = Gsm8kAccuracyMetric.FlexibleExtract,
    AquaRatAccuracyMetric AquaRatAccuracy = AquaRatAccuracyMetric.LogLikelihood,
    BootstrapOptions? Bootstrap = null)
{
    /// <summary>The defaults.</summary>
    public static AnalysisOptions Default { get; } = new();

    /// <summary>
    /// A study's analysis settings, in the CLI and the services alike: the default metrics,
    /// <c>evaluation.bootstrap_resamples</c> and <c>evaluation.confidence_level</c>.
    /// </summary>
    public static AnalysisOptions For(StudyConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        return new(Bootstrap: new BootstrapOptions(config.Evaluation.BootstrapResamples, config.Evaluation.ConfidenceLevel));
    }

    /// <summary>The bootstrap settings in effect.</summary>
    public BootstrapOptions BootstrapOrDefault => Bootstrap ?? BootstrapOptions.Default;
}
