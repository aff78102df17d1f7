using ForgetCloud.Learning.Metrics;

namespace ForgetCloud.Learning.Tests.Metrics;

public sealed class ClassificationReportTests
{
    private const double Tolerance = 1e-12;

    [Fact]
    public void Weighted_precision_recall_f1_match_a_hand_worked_example()
    {
        // gold: A A B C C C ; predicted: A B B C A (none)
        // A: TP 1, predicted-as-A 2 (items 0, 4) -> P 1/2; support 2 -> R 1/2; F1 1/2
        // B: TP 1, predicted-as-B 2 (items 1, 2) -> P 1/2; support 1 -> R 1;   F1 2*(1/2)(1)/(3/2) = 2/3
        // C: TP 1, predicted-as-C 1 (item 3)     -> P 1;   support 3 -> R 1/3; F1 2*(1)(1/3)/(4/3) = 1/2
        // D, E: support 0 -> weight 0
        // weighted P  = (2*1/2 + 1*1/2 + 3*1) / 6 = 4.5/6 = 3/4
        // weighted R  = (2*1/2 + 1*1 + 3*1/3) / 6 = 3/6   = 1/2 (= accuracy, as always)
        // weighted F1 = (2*1/2 + 1*2/3 + 3*1/2) / 6 = (19/6)/6 = 19/36
        string[] gold = ["A", "A", "B", "C", "C", "C"];
        string?[] predicted = ["A", "B", "B", "C", "A", null];

        var report = ClassificationReport.Compute(gold, predicted, AquaRatAnswerExtraction.Labels);

        Assert.Equal(6, report.Count);
        Assert.Equal(0.5, report.Accuracy, Tolerance);
        Assert.Equal(0.75, report.WeightedPrecision, Tolerance);
        Assert.Equal(0.5, report.WeightedRecall, Tolerance);
        Assert.Equal(19.0 / 36.0, report.WeightedF1, Tolerance);
        Assert.Equal([2, 1, 3, 0, 0], report.Support);
    }

    [Fact]
    public void Confusion_matrix_has_gold_rows_and_a_no_prediction_column()
    {
        string[] gold = ["A", "A", "B", "C", "C", "C"];
        string?[] predicted = ["A", "B", "B", "C", "A", null];

        var matrix = ClassificationReport.Compute(gold, predicted, AquaRatAnswerExtraction.Labels).ConfusionMatrix;

        Assert.Equal(5, matrix.NoPredictionColumn);
        int[][] expected =
        [
            [1, 1, 0, 0, 0, 0], // gold A: one A, one B
            [0, 1, 0, 0, 0, 0], // gold B: one B
            [1, 0, 1, 0, 0, 1], // gold C: one A, one C, one unanswered
            [0, 0, 0, 0, 0, 0],
            [0, 0, 0, 0, 0, 0],
        ];
        Assert.Equal(expected, matrix.ToRows());
        Assert.Equal(1, matrix[2, matrix.NoPredictionColumn]);
    }

    [Fact]
    public void Perfect_predictions_score_one_and_all_wrong_score_zero()
    {
        string[] gold = ["A", "B", "E"];
        var perfect = ClassificationReport.Compute(gold, gold, AquaRatAnswerExtraction.Labels);
        Assert.Equal(1.0, perfect.WeightedPrecision, Tolerance);
        Assert.Equal(1.0, perfect.WeightedF1, Tolerance);

        var none = ClassificationReport.Compute(gold, [null, null, null], AquaRatAnswerExtraction.Labels);
        Assert.Equal(0.0, none.Accuracy);
        Assert.Equal(0.0, none.WeightedPrecision); // zero_division = 0
        Assert.Equal(0.0, none.WeightedF1);
    }

    [Fact]
    public void Unknown_labels_and_mismatched_lengths_throw()
    {
        var labels = AquaRatAnswerExtraction.Labels;
        var error = Assert.Throws<ArgumentException>(() => ClassificationReport.Compute(["Q"], ["A"], labels));
        Assert.Contains("'Q'", error.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => ClassificationReport.Compute(["A"], ["Z"], labels));
        Assert.Throws<ArgumentException>(() => ClassificationReport.Compute(["A", "B"], ["A"], labels));
        Assert.Throws<ArgumentException>(() => ClassificationReport.Compute([], [], labels));
        Assert.Throws<ArgumentException>(() => ClassificationReport.Compute(["A"], ["A"], ["A", "A"]));
    }
}
