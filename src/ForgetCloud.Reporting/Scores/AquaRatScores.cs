using ForgetCloud.Learning.Evaluation;
using ForgetCloud.Learning.Metrics;

namespace ForgetCloud.Reporting.Scores;

/// <summary>
/// AQUA-RAT scores of one model, derived from its per-item results; accuracies carry Wilson intervals, the NLL a
/// percentile bootstrap CI over items.
/// </summary>
/// <param name="Count">Number of test items.</param>
/// <param name="Accuracy">lm-evaluation-harness <c>acc</c>: argmax of the options' log-likelihoods is gold.</param>
/// <param name="AccuracyNorm">lm-evaluation-harness <c>acc_norm</c> (log-likelihood per character).</param>
/// <param name="GenerationAccuracy">The letter read from the greedy generation is gold (no letter = wrong).</param>
/// <param name="GenerationValid">Items whose generation names a letter.</param>
/// <param name="Generation">Weighted P/R/F1 and confusion matrix of the generated letters: what the original framework reported
/// (its evaluation.py ran scikit-learn's weighted <c>precision_recall_fscore_support</c> on generated letters).</param>
/// <param name="LogLikelihood">The same report on the log-likelihood predictions (<c>acc</c>'s argmax).</param>
/// <param name="RationaleNll">Token-weighted mean NLL of the gold rationale, sum of NLL sums / sum of tokens.</param>
/// <param name="RationaleTokens">Sum of the items' rationale tokens.</param>
/// <param name="Generated">Items with a generation (<c>evaluation.generation_max_examples</c>): generated accuracy, its
/// valid count and the generation report are over these; everything else is over all <paramref name="Count"/>.</param>
public sealed record AquaRatScores(
    int Count,
    ConfidenceInterval Accuracy,
    ConfidenceInterval AccuracyNorm,
    ConfidenceInterval GenerationAccuracy,
    int GenerationValid,
    ClassificationSummary Generation,
    ClassificationSummary LogLikelihood,
    ConfidenceInterval RationaleNll,
    long RationaleTokens,
    int Generated)
{
    /// <summary>Scores the items.</summary>
    /// <exception cref="ArgumentException">No items, an item with no rationale tokens, a non-finite NLL sum, or a
    /// label outside A-E.</exception>
    public static AquaRatScores FromItems(IReadOnlyList<AquaRatItemResult> items, BootstrapOptions? bootstrap = null)
    {
        ArgumentNullException.ThrowIfNull(items);
        if (items.Count == 0)
        {
            throw new ArgumentException("AQUA-RAT scores need at least one item", nameof(items));
        }

        // Accuracies are proportions: Wilson intervals (a bootstrap collapses to [0, 0] at 0 correct); NLLs
        // are ratios of sums: percentile bootstrap. Both at the bootstrap options' level.
        var level = (bootstrap ?? BootstrapOptions.Default).Level;
        var nll = new double[items.Count];
        var tokens = new double[items.Count];
        for (var i = 0; i < items.Count; i++)
        {
            var item = items[i];
            if (item.RationaleTokens <= 0)
            {
                throw new ArgumentException(
                    $"AQUA-RAT item '{item.Id}' (index {i}) has {item.RationaleTokens} rationale tokens: its NLL is undefined",
                    nameof(items));
            }

            if (!double.IsFinite(item.RationaleNllSum) || item.RationaleNllSum < 0)
            {
                throw new ArgumentException(
                    $"AQUA-RAT item '{item.Id}' (index {i}) has an invalid rationale NLL sum: {item.RationaleNllSum}",
                    nameof(items));
            }

            nll[i] = item.RationaleNllSum;
            tokens[i] = item.RationaleTokens;
        }

        var labels = AquaRatAnswerExtraction.Labels;
        var gold = items.Select(x => x.Gold).ToArray();
        var generated = AccuracyItems.AquaRat(items, AquaRatAccuracyMetric.Generation);
        return new AquaRatScores(
            items.Count,
            WilsonInterval.Of(items.Select(x => x.Correct), level),
            WilsonInterval.Of(items.Select(x => x.CorrectNorm), level),
            WilsonInterval.Of(generated.Select(x => x.GeneratedCorrect), level),
            generated.Count(x => x.GeneratedLetter is not null),
            ClassificationSummary.FromReport(
                ClassificationReport.Compute([.. generated.Select(x => x.Gold)], generated.Select(x => x.GeneratedLetter).ToArray(), labels)),
            ClassificationSummary.FromReport(
                ClassificationReport.Compute(gold, items.Select(x => (string?)x.Predicted).ToArray(), labels)),
            Bootstrap.Statistic(items.Count, idx => ItemStatistics.Ratio(nll, tokens, idx), bootstrap),
            items.Sum(x => (long)x.RationaleTokens),
            generated.Count);
    }

    /// <summary>The accuracy chosen as primary.</summary>
    public ConfidenceInterval PrimaryAccuracy(AquaRatAccuracyMetric metric) => metric switch
    {
        AquaRatAccuracyMetric.LogLikelihood => Accuracy,
        AquaRatAccuracyMetric.LogLikelihoodNorm => AccuracyNorm,
        AquaRatAccuracyMetric.Generation => GenerationAccuracy,
        _ => throw new ArgumentOutOfRangeException(nameof(metric), metric, "Unknown AQUA-RAT accuracy metric"),
    };

    /// <summary>
    /// The original framework's <c>metrics</c> dictionary for AQUA-RAT, with the original framework's definitions: <c>accuracy</c>,
    /// <c>exact_match</c>, <c>precision</c>, <c>recall</c>, <c>f1</c> from the generated letters (weighted),
    /// <c>loss</c> = rationale NLL, <c>total_samples</c>, <c>valid_predictions</c> = items with a generated letter.
    /// </summary>
    public IReadOnlyDictionary<string, double> SeedMetrics() => new SortedDictionary<string, double>(StringComparer.Ordinal)
    {
        ["accuracy"] = Generation.Accuracy,
        ["exact_match"] = Generation.Accuracy,
        ["precision"] = Generation.WeightedPrecision,
        ["recall"] = Generation.WeightedRecall,
        ["f1"] = Generation.WeightedF1,
        ["loss"] = RationaleNll.Estimate,
        ["total_samples"] = Count,
        ["valid_predictions"] = GenerationValid,
    };
}
