namespace ForgetCloud.Reporting.Scores;

/// <summary>Which GSM8K exact-match accuracy fills the accuracy matrix R (lm-evaluation-harness filter names).</summary>
public enum Gsm8kAccuracyMetric
{
    /// <summary><c>flexible-extract</c>: the last number in the generation. The default, because it measures the
    /// arithmetic and not whether the model still writes <c>#### n</c> after AQUA-RAT taught it <c>Answer: C</c>.</summary>
    FlexibleExtract,

    /// <summary><c>strict-match</c>: the number after <c>####</c>; also measures format retention.</summary>
    StrictMatch,
}
