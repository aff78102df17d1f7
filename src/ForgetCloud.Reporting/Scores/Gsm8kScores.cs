using ForgetCloud.Learning.Evaluation;
using ForgetCloud.Learning.Metrics;

namespace ForgetCloud.Reporting.Scores;

/// <summary>
/// GSM8K scores of one model, derived from its per-item results: accuracies with Wilson intervals, the NLL with a
/// percentile bootstrap CI over items.
/// </summary>
/// <param name="Count">Number of test items.</param>
/// <param name="StrictAccuracy">Fraction of items whose strict-match answer equals the gold answer.</param>
/// <param name="FlexibleAccuracy">Fraction of items whose flexible-extract answer equals the gold answer.</param>
/// <param name="StrictValid">Items whose generation has a <c>#### n</c> answer (strict answer not <c>[invalid]</c>).</param>
/// <param name="FlexibleValid">Items whose generation contains a number at all.</param>
/// <param name="AnswerNll">Token-weighted mean answer NLL, sum of NLL sums / sum of answer tokens (nats per token);
/// its CI resamples items and recomputes the same ratio.</param>
/// <param name="AnswerTokens">Sum of the items' answer tokens.</param>
/// <param name="Generated">Items with a generated answer (<c>evaluation.generation_max_examples</c>): the accuracies and
/// valid counts are over these; the NLL is over all <paramref name="Count"/>.</param>
public sealed record Gsm8kScores(
    int Count,
    ConfidenceInterval StrictAccuracy,
    ConfidenceInterval FlexibleAccuracy,
    int StrictValid,
    int FlexibleValid,
    ConfidenceInterval AnswerNll,
    long AnswerTokens,
    int Generated)
{
    /// <summary>Scores the items.</summary>
    /// <exception cref="ArgumentException">No items, an item with no answer tokens, or a non-finite NLL sum.</exception>
    public static Gsm8kScores FromItems(IReadOnlyList<Gsm8kItemResult> items, BootstrapOptions? bootstrap = null)
    {
        ArgumentNullException.ThrowIfNull(items);
        if (items.Count == 0)
        {
            throw new ArgumentException("GSM8K scores need at least one item", nameof(items));
        }

        // Accuracies are proportions: Wilson intervals (a bootstrap collapses to [0, 0] at 0 correct); NLLs
        // are ratios of sums: percentile bootstrap. Both at the bootstrap options' level.
        var level = (bootstrap ?? BootstrapOptions.Default).Level;
        var nll = new double[items.Count];
        var tokens = new double[items.Count];
        for (var i = 0; i < items.Count; i++)
        {
            var item = items[i];
            if (item.AnswerTokens <= 0)
            {
                throw new ArgumentException(
                    $"GSM8K item '{item.Id}' (index {i}) has {item.AnswerTokens} answer tokens: its NLL is undefined", nameof(items));
            }

            if (!double.IsFinite(item.AnswerNllSum) || item.AnswerNllSum < 0)
            {
                throw new ArgumentException(
                    $"GSM8K item '{item.Id}' (index {i}) has an invalid answer NLL sum: {item.AnswerNllSum}", nameof(items));
            }

            nll[i] = item.AnswerNllSum;
            tokens[i] = item.AnswerTokens;
        }

        var generated = AccuracyItems.Gsm8k(items);
        return new Gsm8kScores(
            items.Count,
            WilsonInterval.Of(generated.Select(x => x.StrictCorrect), level),
            WilsonInterval.Of(generated.Select(x => x.FlexibleCorrect), level),
            generated.Count(x => x.StrictAnswer != Gsm8kAnswerExtraction.InvalidAnswer),
            generated.Count(x => x.FlexibleAnswer != Gsm8kAnswerExtraction.InvalidAnswer),
            Bootstrap.Statistic(items.Count, idx => ItemStatistics.Ratio(nll, tokens, idx), bootstrap),
            items.Sum(x => (long)x.AnswerTokens),
            generated.Count);
    }

    /// <summary>The accuracy chosen as primary.</summary>
    public ConfidenceInterval Accuracy(Gsm8kAccuracyMetric metric) => metric switch
    {
        Gsm8kAccuracyMetric.FlexibleExtract => FlexibleAccuracy,
        Gsm8kAccuracyMetric.StrictMatch => StrictAccuracy,
        _ => throw new ArgumentOutOfRangeException(nameof(metric), metric, "Unknown GSM8K accuracy metric"),
    };

    /// <summary>
    /// The original framework's <c>metrics</c> dictionary for GSM8K (keys of its evaluation.py <c>calculate_metrics</c>):
    /// <c>accuracy</c> and <c>exact_match</c> = the primary accuracy, <c>loss</c> = answer NLL,
    /// <c>total_samples</c>, <c>valid_predictions</c> = items with an extracted answer under the primary filter.
    /// </summary>
    public IReadOnlyDictionary<string, double> SeedMetrics(Gsm8kAccuracyMetric primary)
    {
        var accuracy = Accuracy(primary).Estimate;
        return new SortedDictionary<string, double>(StringComparer.Ordinal)
        {
            ["accuracy"] = accuracy,
            ["exact_match"] = accuracy,
            ["loss"] = AnswerNll.Estimate,
            ["total_samples"] = Count,
            ["valid_predictions"] = primary == Gsm8kAccuracyMetric.StrictMatch ? StrictValid : FlexibleValid,
        };
    }
}
