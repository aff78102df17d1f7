using ForgetCloud.Learning.Metrics;

namespace ForgetCloud.Reporting.Scores;

/// <summary>
/// A <see cref="ClassificationReport"/> as stored in the results files: weighted P/R/F1 (scikit-learn
/// <c>average='weighted', zero_division=0</c>), support per label, and the confusion matrix whose rows are the gold
/// labels and whose columns are <see cref="Columns"/> (the labels, then <c>none</c> for "no answer").
/// </summary>
public sealed record ClassificationSummary(
    IReadOnlyList<string> Labels,
    IReadOnlyList<string> Columns,
    int Count,
    double Accuracy,
    double WeightedPrecision,
    double WeightedRecall,
    double WeightedF1,
    IReadOnlyList<int> Support,
    IReadOnlyList<IReadOnlyList<int>> ConfusionMatrix)
{
    /// <summary>Name of the confusion matrix's last column: items with no valid prediction.</summary>
    public const string NoPredictionColumn = "none";

    /// <summary>Copies the report's numbers.</summary>
    public static ClassificationSummary FromReport(ClassificationReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var labels = report.ConfusionMatrix.Labels.ToArray();
        return new ClassificationSummary(
            labels,
            [.. labels, NoPredictionColumn],
            report.Count,
            report.Accuracy,
            report.WeightedPrecision,
            report.WeightedRecall,
            report.WeightedF1,
            report.Support.ToArray(),
            report.ConfusionMatrix.ToRows());
    }
}
