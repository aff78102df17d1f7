namespace ForgetCloud.Reporting.Scores;

/// <summary>Which AQUA-RAT accuracy fills the accuracy matrix R.</summary>
public enum AquaRatAccuracyMetric
{
    /// <summary>lm-evaluation-harness <c>acc</c>: argmax of the options' log-likelihoods. The default: it is defined
    /// for every model, including a base model that never writes an answer letter.</summary>
    LogLikelihood,

    /// <summary>lm-evaluation-harness <c>acc_norm</c>: log-likelihood divided by the option's length.</summary>
    LogLikelihoodNorm,

    /// <summary>The letter read from the greedy generation (the original framework's AQUA-RAT accuracy).</summary>
    Generation,
}
