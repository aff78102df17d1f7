using ForgetCloud.Learning.Metrics;

namespace ForgetCloud.Learning.Tests.Metrics;

public sealed class ForgettingReportTests
{
    private const double Tolerance = 1e-12;

    [Fact]
    public void Accuracy_matrix_gives_hand_computed_metrics()
    {
        //            gsm8k aqua
        // base       0.10  0.20
        // stage 1    0.40  0.25
        // stage 2    0.30  0.50
        var r = new ScoreMatrix("accuracy", MetricDirection.HigherIsBetter, [[0.10, 0.20], [0.40, 0.25], [0.30, 0.50]]);

        var report = ForgettingReport.Compute(r);

        Assert.Equal(-0.10, report.BackwardTransfer, Tolerance);          // 0.30 - 0.40
        Assert.Equal(0.10, report.Forgetting, Tolerance);                 // 0.40 - 0.30 (post-training states only)
        Assert.Equal(0.10, report.DropFromBestIncludingBase, Tolerance);  // max(0.10, 0.40) - 0.30
        Assert.Equal(0.05, report.ForwardTransfer, Tolerance);            // 0.25 - 0.20
        Assert.Equal(0.40, report.FinalAverage, Tolerance);               // (0.30 + 0.50) / 2
        Assert.Equal(0.20, report.OriginalFrameworkPerformanceGap, Tolerance);         // |0.30 - 0.50|
        Assert.Equal(0.40, report.SeedAveragePerformance, Tolerance);
        Assert.Equal(0.80, report.SeedPerformanceBalance!.Value, Tolerance); // 1 - 0.20
        Assert.Equal(0.175, report.SeedForgettingRateStage1, Tolerance);  // |0.30 + 0.05| / 2
        Assert.Equal(0.075, report.SeedForgettingRateStage2, Tolerance);  // |-0.10 + 0.25| / 2
        Assert.Equal(0.10, report.SeedReplayForgettingRate, Tolerance);   // max(0, 0.40 - 0.30)
    }

    [Fact]
    public void Chaudhry_forgetting_leaves_the_base_out_and_the_drop_from_the_best_state_keeps_it()
    {
        // stage 1 hurt GSM8K (0.5 -> 0.4); stage 2 hurt it more (0.3). Chaudhry's maximum runs over post-training
        // states only (R[1]): 0.4 - 0.3 = 0.1. The drop from the best state including the base: 0.5 - 0.3 = 0.2.
        var r = new ScoreMatrix("accuracy", MetricDirection.HigherIsBetter, [[0.5, 0.2], [0.4, 0.2], [0.3, 0.2]]);

        var report = ForgettingReport.Compute(r);

        Assert.Equal(-0.1, report.BackwardTransfer, Tolerance);
        Assert.Equal(0.1, report.Forgetting, Tolerance);
        Assert.Equal(0.2, report.DropFromBestIncludingBase, Tolerance);
    }

    [Fact]
    public void Nll_matrix_orients_forgetting_so_that_positive_is_worse()
    {
        //            gsm8k aqua
        // base       2.0   3.0
        // stage 1    1.5   2.9
        // stage 2    1.8   2.2
        var r = new ScoreMatrix("nll", MetricDirection.LowerIsBetter, [[2.0, 3.0], [1.5, 2.9], [1.8, 2.2]]);

        var report = ForgettingReport.Compute(r);

        Assert.Equal(0.3, report.BackwardTransfer, Tolerance);            // 1.8 - 1.5: NLL rose, forgetting
        Assert.Equal(0.3, report.Forgetting, Tolerance);                  // 1.8 - 1.5
        Assert.Equal(0.3, report.DropFromBestIncludingBase, Tolerance);   // 1.8 - min(2.0, 1.5)
        Assert.Equal(-0.1, report.ForwardTransfer, Tolerance);            // 2.9 - 3.0: improved (lower)
        Assert.Equal(2.0, report.FinalAverage, Tolerance);                // (1.8 + 2.2) / 2
        Assert.Equal(0.4, report.OriginalFrameworkPerformanceGap, Tolerance);          // |1.8 - 2.2|
        Assert.Null(report.SeedPerformanceBalance);                       // 1 - NLL gap means nothing
        Assert.Equal(0.3, report.SeedForgettingRateStage1, Tolerance);    // |-0.5 - 0.1| / 2
        Assert.Equal(0.2, report.SeedForgettingRateStage2, Tolerance);    // |0.3 - 0.7| / 2
        Assert.Equal(0.3, report.SeedReplayForgettingRate, Tolerance);    // max(0, 1.8 - 1.5)
    }

    [Fact]
    public void Nll_forgetting_from_a_better_base()
    {
        var r = new ScoreMatrix("nll", MetricDirection.LowerIsBetter, [[1.2, 3.0], [1.5, 3.0], [1.8, 3.0]]);
        Assert.Equal(0.3, ForgettingReport.Compute(r).Forgetting, Tolerance);                 // 1.8 - 1.5
        Assert.Equal(0.6, ForgettingReport.Compute(r).DropFromBestIncludingBase, Tolerance); // 1.8 - min(1.2, 1.5)
    }

    [Fact]
    public void Entries_carry_names_directions_and_formulas()
    {
        var accuracy = ForgettingReport.Compute(
            new ScoreMatrix("accuracy", MetricDirection.HigherIsBetter, [[0.1, 0.2], [0.4, 0.25], [0.3, 0.5]]));
        var nll = ForgettingReport.Compute(
            new ScoreMatrix("nll", MetricDirection.LowerIsBetter, [[2.0, 3.0], [1.5, 2.9], [1.8, 2.2]]));

        var accuracyEntries = accuracy.Entries();
        Assert.Equal(11, accuracyEntries.Count);
        Assert.Equal(accuracyEntries.Count, accuracyEntries.Select(e => e.Name).Distinct().Count());
        Assert.Equal(-0.1, accuracyEntries.Single(e => e.Name == "bwt").Value, Tolerance);
        Assert.Equal(MetricDirection.LowerIsBetter, accuracyEntries.Single(e => e.Name == "forgetting").Direction);
        Assert.Equal(0.1, accuracyEntries.Single(e => e.Name == "forgetting").Value, Tolerance);      // 0.4 - 0.3
        Assert.Equal(0.1, accuracyEntries.Single(e => e.Name == "drop_from_best_including_base").Value, Tolerance);
        Assert.Equal(0.8, accuracyEntries.Single(e => e.Name == "performance_balance").Value, Tolerance);

        var nllEntries = nll.Entries();
        Assert.Equal(10, nllEntries.Count);
        Assert.DoesNotContain(nllEntries, e => e.Name == "performance_balance");
        Assert.Equal(MetricDirection.LowerIsBetter, nllEntries.Single(e => e.Name == "bwt").Direction);
        Assert.All(nllEntries, e => Assert.False(string.IsNullOrWhiteSpace(e.Formula)));
    }

    [Fact]
    public void Malformed_matrices_throw()
    {
        Assert.Throws<ArgumentException>(() =>
            new ScoreMatrix("accuracy", MetricDirection.HigherIsBetter, [[0.1, 0.2], [0.3, 0.4]]));
        Assert.Throws<ArgumentException>(() =>
            new ScoreMatrix("accuracy", MetricDirection.HigherIsBetter, [[0.1, 0.2], [0.3], [0.5, 0.6]]));
        var error = Assert.Throws<ArgumentException>(() =>
            new ScoreMatrix("nll", MetricDirection.LowerIsBetter, [[1, 2], [1, double.NaN], [1, 2]]));
        Assert.Contains("R[1][1]", error.Message, StringComparison.Ordinal);
    }
}
