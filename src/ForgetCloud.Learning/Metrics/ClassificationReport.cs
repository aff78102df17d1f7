namespace ForgetCloud.Learning.Metrics;

/// <summary>
/// Accuracy, support-weighted precision / recall / F1 and the confusion matrix of a single-label classification,
/// with scikit-learn's <c>precision_recall_fscore_support(average='weighted', zero_division=0)</c> semantics, which
/// the original framework used for AQUA-RAT:
/// per label k, P_k = TP_k / (TP_k + FP_k), R_k = TP_k / support_k, F1_k = 2 TP_k / (2 TP_k + FP_k + FN_k), each 0
/// when its denominator is 0; the weighted value is sum_k support_k * M_k / sum_k support_k.
/// A missing prediction (<c>null</c>) is a wrong prediction that counts toward no label's precision: the same numbers
/// as scikit-learn with an extra "invalid" label, whose support of 0 gives it weight 0.
/// </summary>
public sealed record ClassificationReport(
    int Count,
    double Accuracy,
    double WeightedPrecision,
    double WeightedRecall,
    double WeightedF1,
    IReadOnlyList<int> Support,
    ConfusionMatrix ConfusionMatrix)
{
    /// <summary>Computes the report.</summary>
    /// <param name="gold">Gold label of each item; every one must be in <paramref name="labels"/>.</param>
    /// <param name="predicted">Predicted label of each item, or <c>null</c> for no answer; a non-null prediction must
    /// be in <paramref name="labels"/>.</param>
    /// <param name="labels">The label set, in the order used for <see cref="Support"/> and the confusion matrix.</param>
    /// <exception cref="ArgumentException">Empty or mismatched inputs, duplicate labels, or an unknown label.</exception>
    public static ClassificationReport Compute(
        IReadOnlyList<string> gold, IReadOnlyList<string?> predicted, IReadOnlyList<string> labels)
    {
        ArgumentNullException.ThrowIfNull(gold);
        ArgumentNullException.ThrowIfNull(predicted);
        ArgumentNullException.ThrowIfNull(labels);
        if (gold.Count == 0)
        {
            throw new ArgumentException("No items to score", nameof(gold));
        }

        if (gold.Count != predicted.Count)
        {
            throw new ArgumentException(
                $"{gold.Count} gold labels but {predicted.Count} predictions", nameof(predicted));
        }

        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < labels.Count; i++)
        {
            if (!index.TryAdd(labels[i], i))
            {
                throw new ArgumentException($"Duplicate label '{labels[i]}'", nameof(labels));
            }
        }

        var k = labels.Count;
        var counts = new int[k, k + 1];
        for (var i = 0; i < gold.Count; i++)
        {
            if (!index.TryGetValue(gold[i], out var g))
            {
                throw new ArgumentException(
                    $"Gold label '{gold[i]}' of item {i} is not one of [{string.Join(", ", labels)}]", nameof(gold));
            }

            var p = k;
            if (predicted[i] is { } label && !index.TryGetValue(label, out p))
            {
                throw new ArgumentException(
                    $"Predicted label '{label}' of item {i} is not one of [{string.Join(", ", labels)}] " +
                    "(use null for no answer)",
                    nameof(predicted));
            }

            counts[g, p]++;
        }

        var support = new int[k];
        double correct = 0, precision = 0, recall = 0, f1 = 0;
        for (var c = 0; c < k; c++)
        {
            var tp = counts[c, c];
            var rowTotal = 0;
            var columnTotal = 0;
            for (var j = 0; j <= k; j++)
            {
                rowTotal += counts[c, j];
            }

            for (var r = 0; r < k; r++)
            {
                columnTotal += counts[r, c];
            }

            support[c] = rowTotal;
            var fp = columnTotal - tp;
            var fn = rowTotal - tp;
            correct += tp;
            precision += rowTotal * SafeRatio(tp, tp + fp);
            recall += rowTotal * SafeRatio(tp, tp + fn);
            f1 += rowTotal * SafeRatio(2.0 * tp, (2.0 * tp) + fp + fn);
        }

        double n = gold.Count;
        return new ClassificationReport(
            gold.Count, correct / n, precision / n, recall / n, f1 / n, support, new ConfusionMatrix(labels, counts));
    }

    private static double SafeRatio(double numerator, double denominator) =>
        denominator == 0 ? 0 : numerator / denominator;
}
