using ForgetCloud.Learning.Evaluation;
using ForgetCloud.Learning.Metrics;
using ForgetCloud.Reporting.Scores;

namespace ForgetCloud.Reporting.Tests.Scores;

public class ScoresTests
{
    private static Gsm8kItemResult Gsm(string id, bool strict, bool flexible, double nllSum, int tokens) =>
        new(id, "q", "out", strict ? "5" : "[invalid]", flexible ? "5" : "[invalid]", "5", strict, flexible, nllSum, tokens);

    private static AquaRatItemResult Aqua(string id, string gold, string predicted, string norm, string? generated, double nllSum, int tokens) =>
        new(id, "p", "o", gold, [-1, -2, -3, -4, -5], predicted, norm, generated, nllSum, tokens);

    [Fact]
    public void Gsm8k_scores_are_derived_from_the_items_with_token_weighted_nll()
    {
        Gsm8kItemResult[] items =
        [
            Gsm("a", true, true, 2, 1),
            Gsm("b", false, true, 3, 2),
            Gsm("c", false, false, 1, 1),
            Gsm("d", true, true, 4, 4),
        ];

        var scores = Gsm8kScores.FromItems(items);

        Assert.Equal(4, scores.Count);
        Assert.Equal(0.5, scores.StrictAccuracy.Estimate, 12);
        Assert.Equal(0.75, scores.FlexibleAccuracy.Estimate, 12);
        Assert.Equal(2, scores.StrictValid);
        Assert.Equal(3, scores.FlexibleValid);
        // (2 + 3 + 1 + 4) / (1 + 2 + 1 + 4) = 1.25, not the mean of per-item NLLs (1.375).
        Assert.Equal(1.25, scores.AnswerNll.Estimate, 12);
        Assert.Equal(8, scores.AnswerTokens);
        foreach (var ci in new[] { scores.StrictAccuracy, scores.FlexibleAccuracy, scores.AnswerNll })
        {
            Assert.InRange(ci.Estimate, ci.Lower, ci.Upper);
            Assert.True(ci.Width > 0);
        }

        // The NLL interval lies within the per-item NLL range (each resample's ratio is a weighted mean of them).
        Assert.InRange(scores.AnswerNll.Lower, 1.0, 2.0);
        Assert.InRange(scores.AnswerNll.Upper, 1.0, 2.0);
        var seed = scores.SeedMetrics(Gsm8kAccuracyMetric.StrictMatch);
        Assert.Equal(0.5, seed["accuracy"]);
        Assert.Equal(2, seed["valid_predictions"]);
        Assert.Equal(1.25, seed["loss"], 12);
    }

    [Fact]
    public void Accuracies_count_only_items_with_a_generation_and_the_nll_counts_all()
    {
        Gsm8kItemResult[] items =
        [
            Gsm("a", true, true, 2, 1),
            Gsm("b", false, true, 3, 2),
            Gsm("c", false, false, 1, 1) with { Generated = false },
            Gsm("d", false, false, 4, 4) with { Generated = false },
        ];

        var scores = Gsm8kScores.FromItems(items);

        Assert.Equal((4, 2), (scores.Count, scores.Generated));
        Assert.Equal(0.5, scores.StrictAccuracy.Estimate, 12);   // 1 of the 2 generated
        Assert.Equal(1.0, scores.FlexibleAccuracy.Estimate, 12); // 2 of 2
        Assert.Equal(1.25, scores.AnswerNll.Estimate, 12);       // (2 + 3 + 1 + 4) / (1 + 2 + 1 + 4) over all four

        AquaRatItemResult[] aqua =
        [
            Aqua("1", "A", "A", "A", "A", 10, 5),
            Aqua("2", "B", "B", "B", "C", 10, 5),
            Aqua("3", "C", "C", "C", null, 10, 5) with { Generated = false },
        ];
        var aquaScores = AquaRatScores.FromItems(aqua);
        Assert.Equal(1.0, aquaScores.Accuracy.Estimate, 12);           // log-likelihood: all three
        Assert.Equal(0.5, aquaScores.GenerationAccuracy.Estimate, 12); // generated: 1 of 2
        Assert.Equal(3, aquaScores.Count);
        Assert.Equal(2, aquaScores.Generated);
    }

    [Fact]
    public void Aqua_rat_scores_report_both_classification_reports_hand_computed()
    {
        AquaRatItemResult[] items =
        [
            Aqua("1", "A", "A", "B", "A", 10, 5),
            Aqua("2", "B", "B", "B", "A", 10, 5),
            Aqua("3", "A", "C", "A", null, 10, 10),
            Aqua("4", "C", "C", "C", "C", 40, 10),
            Aqua("5", "B", "A", "B", "B", 0, 10),
        ];

        var scores = AquaRatScores.FromItems(items);

        Assert.Equal(0.6, scores.Accuracy.Estimate, 12);
        Assert.Equal(0.8, scores.AccuracyNorm.Estimate, 12);
        Assert.Equal(0.6, scores.GenerationAccuracy.Estimate, 12);
        Assert.Equal(4, scores.GenerationValid);
        Assert.Equal(70.0 / 40, scores.RationaleNll.Estimate, 12);

        // Generated letters: A: TP 1 FP 1 FN 1 (P .5 R .5 F1 .5); B: TP 1 FP 0 FN 1 (1, .5, 2/3); C: (1, 1, 1).
        var g = scores.Generation;
        Assert.Equal(0.8, g.WeightedPrecision, 12);
        Assert.Equal(0.6, g.WeightedRecall, 12);
        Assert.Equal(((2 * 0.5) + (2 * 2.0 / 3) + 1) / 5, g.WeightedF1, 12);
        Assert.Equal(["A", "B", "C", "D", "E", "none"], g.Columns);
        Assert.Equal(1, g.ConfusionMatrix[0][5]); // gold A, no letter
        Assert.Equal(1, g.ConfusionMatrix[1][0]); // gold B, generated A

        // Log-likelihood predictions: A: TP 1 FP 1 (item 5) FN 1; B: TP 1 FP 0 FN 1; C: TP 1 FP 1 (item 3) FN 0.
        var l = scores.LogLikelihood;
        Assert.Equal(((2 * 0.5) + (2 * 1.0) + (1 * 0.5)) / 5, l.WeightedPrecision, 12);
        Assert.Equal(0.6, l.WeightedRecall, 12);
        Assert.Equal(((2 * 0.5) + (2 * 2.0 / 3) + (1 * 2.0 / 3)) / 5, l.WeightedF1, 12);

        var seed = scores.SeedMetrics();
        Assert.Equal(g.Accuracy, seed["accuracy"]);
        Assert.Equal(g.WeightedF1, seed["f1"]);
        Assert.Equal(4, seed["valid_predictions"]);
    }

    [Fact]
    public void Accuracies_have_wilson_intervals_and_the_nll_a_bootstrap()
    {
        var items = Enumerable.Range(0, 30).Select(i => Gsm($"x{i}", i % 3 == 0, i % 2 == 0, 1 + (i % 4), 1 + (i % 3))).ToArray();
        var options = new BootstrapOptions(Resamples: 500, Seed: 7);

        var scores = Gsm8kScores.FromItems(items, options);

        // 10 of 30 strict-correct: Wilson 95% by hand [0.19230498, 0.51219948].
        Assert.Equal(IntervalMethod.Wilson, scores.StrictAccuracy.Method);
        Assert.Equal(10.0 / 30, scores.StrictAccuracy.Estimate, 12);
        Assert.Equal(0.19230498, scores.StrictAccuracy.Lower, 7);
        Assert.Equal(0.51219948, scores.StrictAccuracy.Upper, 7);
        Assert.Equal(IntervalMethod.PercentileBootstrap, scores.AnswerNll.Method);
        var naiveNll = Bootstrap.Statistic(items.Length, idx => idx.Sum(i => items[i].AnswerNllSum) / idx.Sum(i => items[i].AnswerTokens), options);
        Assert.Equal(naiveNll, scores.AnswerNll);
    }

    [Fact]
    public void No_correct_item_still_gives_an_upper_bound()
    {
        // A bootstrap of twenty zeros is [0, 0]; Wilson's upper bound is z²/(n + z²) = 3.841459 / 23.841459.
        var items = Enumerable.Range(0, 20).Select(i => Gsm($"z{i}", false, false, 1, 1)).ToArray();
        var scores = Gsm8kScores.FromItems(items);
        Assert.Equal(0, scores.FlexibleAccuracy.Lower);
        Assert.Equal(0.16112516, scores.FlexibleAccuracy.Upper, 7);
    }

    [Fact]
    public void Items_without_tokens_or_with_bad_nll_are_rejected_by_id()
    {
        var zero = Assert.Throws<ArgumentException>(() => Gsm8kScores.FromItems([Gsm("ok", true, true, 1, 1), Gsm("bad-7", true, true, 1, 0)]));
        Assert.Contains("bad-7", zero.Message);
        var nan = Assert.Throws<ArgumentException>(() => AquaRatScores.FromItems([Aqua("q-3", "A", "A", "A", "A", double.NaN, 4)]));
        Assert.Contains("q-3", nan.Message);
        Assert.Throws<ArgumentException>(() => Gsm8kScores.FromItems([]));
    }
}
