using ForgetCloud.Learning.Evaluation;

namespace ForgetCloud.Reporting.Scores;

/// <summary>Which evaluated items an accuracy counts: only those with a generation where the accuracy is read from one.</summary>
public static class AccuracyItems
{
    /// <summary>The items a GSM8K accuracy is computed on: those with a generated answer
    /// (<c>evaluation.generation_max_examples</c> keeps the same first N in every evaluation, so columns stay paired).</summary>
    public static IReadOnlyList<Gsm8kItemResult> Gsm8k(IReadOnlyList<Gsm8kItemResult> items) =>
        items.All(x => x.Generated) ? items : items.Where(x => x.Generated).ToArray();

    /// <summary>The items an AQUA-RAT accuracy is computed on: all of them for the log-likelihood metrics, the generated
    /// ones for generated accuracy.</summary>
    public static IReadOnlyList<AquaRatItemResult> AquaRat(IReadOnlyList<AquaRatItemResult> items, AquaRatAccuracyMetric metric) =>
        metric != AquaRatAccuracyMetric.Generation || items.All(x => x.Generated) ? items : items.Where(x => x.Generated).ToArray();
}
