using ForgetCloud.Contracts.Configuration;
using ForgetCloud.Learning.Evaluation;
using ForgetCloud.Learning.Metrics;
using ForgetCloud.Learning.Study;
using ForgetCloud.Reporting.Analysis;
using ForgetCloud.Reporting.Scores;
using ForgetCloud.Reporting.Tests.TestSupport;

namespace ForgetCloud.Reporting.Tests.Analysis;

public class StudyAnalyzerTests
{
    private static readonly AnalysisOptions Fast = new(Bootstrap: new BootstrapOptions(Resamples: 200));

    [Fact]
    public void Matrices_are_computed_from_the_items()
    {
        var arms = FakeStudy.Arms(1, "adamw", "muon");
        var evaluations = FakeStudy.Evaluations(arms);

        var analysis = StudyAnalyzer.Analyze(arms, evaluations, Fast);

        foreach (var e in evaluations)
        {
            var arm = analysis.Arm(e.ArmId);
            Assert.Equal(e.Gsm8k.Count(x => x.FlexibleCorrect) / (double)e.Gsm8k.Count, arm.Accuracy.Matrix[e.Stage][0], 12);
            Assert.Equal(e.AquaRat.Count(x => x.Predicted == x.Gold) / (double)e.AquaRat.Count, arm.Accuracy.Matrix[e.Stage][1], 12);
            Assert.Equal(e.Gsm8k.Sum(x => x.AnswerNllSum) / e.Gsm8k.Sum(x => x.AnswerTokens), arm.Nll.Matrix[e.Stage][0], 12);
            Assert.Equal(e.AquaRat.Sum(x => x.RationaleNllSum) / e.AquaRat.Sum(x => x.RationaleTokens), arm.Nll.Matrix[e.Stage][1], 12);
            Assert.Equal(e.Checkpoint, arm.Stages[e.Stage].Checkpoint);
        }

        Assert.Equal("exact_match,flexible-extract", analysis.PrimaryMetrics.Gsm8kAccuracy);
        Assert.Equal("acc", analysis.PrimaryMetrics.AquaRatAccuracy);
    }

    [Fact]
    public void Strict_primary_metric_fills_the_accuracy_matrix_with_strict_match()
    {
        var arms = FakeStudy.Arms(1, "adamw");
        var evaluations = FakeStudy.Evaluations(arms);

        var analysis = StudyAnalyzer.Analyze(
            arms, evaluations, Fast with { Gsm8kAccuracy = Gsm8kAccuracyMetric.StrictMatch, AquaRatAccuracy = AquaRatAccuracyMetric.Generation });

        var stage2 = evaluations.Single(e => e.Stage == 2);
        Assert.Equal(stage2.Gsm8k.Count(x => x.StrictCorrect) / (double)stage2.Gsm8k.Count, analysis.Arms[0].Accuracy.Matrix[2][0], 12);
        Assert.Equal(stage2.AquaRat.Count(x => x.GeneratedLetter == x.Gold) / (double)stage2.AquaRat.Count, analysis.Arms[0].Accuracy.Matrix[2][1], 12);
        Assert.Equal("exact_match,strict-match", analysis.PrimaryMetrics.Gsm8kAccuracy);
    }

    [Fact]
    public void Difference_estimates_equal_the_forgetting_report_and_their_cis_contain_them()
    {
        var arms = FakeStudy.Arms(1, "adamw");
        var analysis = StudyAnalyzer.Analyze(arms, FakeStudy.Evaluations(arms), Fast);

        foreach (var family in new[] { analysis.Arms[0].Accuracy, analysis.Arms[0].Nll })
        {
            var r = family.Matrix;
            var report = ForgettingReport.Compute(family.ToScoreMatrix());
            Assert.Equal(report.BackwardTransfer, family.Difference("bwt").Interval.Estimate, 12);
            Assert.Equal(report.Forgetting, family.Difference("forgetting").Interval.Estimate, 12);
            Assert.Equal(report.DropFromBestIncludingBase, family.Difference("drop_from_best_including_base").Interval.Estimate, 12);
            Assert.Equal(report.DropFromBestIncludingBase, family.ForgettingEntry("drop_from_best_including_base").Value, 12);
            Assert.Equal(report.ForwardTransfer, family.Difference("fwt").Interval.Estimate, 12);
            Assert.Equal(r[1][0] - r[0][0], family.Difference("gsm8k_stage1_change").Interval.Estimate, 12);
            Assert.Equal(r[2][1] - r[1][1], family.Difference("aqua_rat_stage2_change").Interval.Estimate, 12);
            Assert.Equal(report.BackwardTransfer, family.ForgettingEntry("bwt").Value, 12);
            // A max-of-stages statistic's percentile interval need not contain its estimate.
            foreach (var d in family.Differences.Where(d => d.Name != "drop_from_best_including_base"))
            {
                Assert.InRange(d.Interval.Estimate, d.Interval.Lower, d.Interval.Upper);
            }
        }

        // The fake study forgets: GSM8K NLL after stage 2 is clearly above after stage 1.
        Assert.True(analysis.Arms[0].Nll.Difference("bwt").Interval.Lower > 0);
    }

    [Fact]
    public void Paired_nll_difference_matches_a_naive_paired_bootstrap()
    {
        var arms = FakeStudy.Arms(1, "adamw");
        var evaluations = FakeStudy.Evaluations(arms);
        var options = new BootstrapOptions(Resamples: 300, Seed: 11);

        var analysis = StudyAnalyzer.Analyze(arms, evaluations, new AnalysisOptions(Bootstrap: options));

        var s1 = evaluations.Single(e => e.Stage == 1).Gsm8k;
        var s2 = evaluations.Single(e => e.Stage == 2).Gsm8k;
        double Nll(IReadOnlyList<Gsm8kItemResult> items, IReadOnlyList<int> idx) =>
            idx.Sum(i => items[i].AnswerNllSum) / idx.Sum(i => items[i].AnswerTokens);
        var expected = Bootstrap.Statistic(s1.Count, idx => Nll(s2, idx) - Nll(s1, idx), options);
        var actual = analysis.Arms[0].Nll.Difference("bwt").Interval;
        Assert.Equal(expected.Estimate, actual.Estimate, 12);
        Assert.Equal(expected.Lower, actual.Lower, 12);
        Assert.Equal(expected.Upper, actual.Upper, 12);
    }

    [Fact]
    public void McNemar_pairs_arms_by_seed()
    {
        // Arm order deliberately mixed: pairing must go by seed, not by position.
        ArmSpec[] arms = [ArmSpec.For(OptimizerKind.AdamW, 0), ArmSpec.For(OptimizerKind.Muon, 1), ArmSpec.For(OptimizerKind.AdamW, 1), ArmSpec.For(OptimizerKind.Muon, 0)];
        var evaluations = FakeStudy.Evaluations(arms);

        var analysis = StudyAnalyzer.Analyze(arms, evaluations, Fast);

        Assert.Equal(2, analysis.Comparisons.Count);
        foreach (var comparison in analysis.Comparisons)
        {
            Assert.Equal($"adamw_seed{comparison.Seed}", comparison.FirstArm);
            Assert.Equal($"muon_seed{comparison.Seed}", comparison.SecondArm);
            foreach (var stage in new[] { 0, 1, 2 })
            {
                var a = evaluations.Single(e => e.ArmId == comparison.FirstArm && e.Stage == stage).Gsm8k;
                var b = evaluations.Single(e => e.ArmId == comparison.SecondArm && e.Stage == stage).Gsm8k;
                var onlyFirst = a.Zip(b).Count(p => p.First.FlexibleCorrect && !p.Second.FlexibleCorrect);
                var onlySecond = a.Zip(b).Count(p => !p.First.FlexibleCorrect && p.Second.FlexibleCorrect);
                var test = comparison.McNemar.Single(m => m.Stage == stage && m.Task == "gsm8k").Result;
                Assert.Equal(onlyFirst, test.OnlyFirstCorrect);
                Assert.Equal(onlySecond, test.OnlySecondCorrect);
                Assert.Equal(a.Count, test.BothCorrect + test.OnlyFirstCorrect + test.OnlySecondCorrect + test.BothWrong);
            }

            // Second minus first, on the same items: the estimate is the difference of the two arms' matrices.
            var first = analysis.Arm(comparison.FirstArm);
            var second = analysis.Arm(comparison.SecondArm);
            Assert.Equal(
                second.Nll.Difference("bwt").Interval.Estimate - first.Nll.Difference("bwt").Interval.Estimate,
                comparison.NllDifferences.Single(d => d.Name == "bwt").Interval.Estimate, 12);
            Assert.Equal(
                second.Accuracy.Matrix[2][0] - first.Accuracy.Matrix[2][0],
                comparison.AccuracyDifferences.Single(d => d.Name == "gsm8k_final").Interval.Estimate, 12);
        }
    }

    [Fact]
    public void Seed_summaries_average_each_optimizers_arms()
    {
        var arms = FakeStudy.Arms(3, "adamw", "muon");
        var analysis = StudyAnalyzer.Analyze(arms, FakeStudy.Evaluations(arms), Fast);

        var muon = analysis.Optimizers.Single(o => o.Optimizer == "muon");
        Assert.Equal([0, 1, 2], muon.Seeds);
        var values = muon.ArmIds.Select(id => analysis.Arm(id).Nll.Matrix[2][0]).ToArray();
        var cell = muon.Nll.Matrix[2][0];
        Assert.Equal(3, cell.Count);
        Assert.Equal(values.Average(), cell.Mean, 12);
        var sd = Math.Sqrt(values.Sum(v => (v - values.Average()) * (v - values.Average())) / 2);
        Assert.Equal(sd, cell.StandardDeviation!.Value, 12);
        Assert.Equal(
            muon.ArmIds.Average(id => analysis.Arm(id).Accuracy.ForgettingEntry("forgetting").Value),
            muon.Accuracy.Forgetting["forgetting"].Mean, 12);
    }

    [Fact]
    public void Seed_final_results_use_the_seeds_definitions()
    {
        var arms = FakeStudy.Arms(1, "adamw");
        var analysis = StudyAnalyzer.Analyze(arms, FakeStudy.Evaluations(arms), Fast);
        var arm = analysis.Arms[0];

        var gsm = arm.Final["gsm8k"]["accuracy"];
        var aqua = arm.Final["aqua_rat"]["accuracy"];
        Assert.Equal(arm.Accuracy.Matrix[2][0], gsm, 12);
        Assert.Equal(arm.Stages[2].AquaRat.GenerationAccuracy.Estimate, aqua, 12);
        Assert.Equal(Math.Abs(gsm - aqua), arm.Final["forgetting"]["gsm8k_aqua_performance_gap"], 12);
        Assert.Equal(1 - Math.Abs(gsm - aqua), arm.Final["forgetting"]["performance_balance"], 12);
    }

    [Fact]
    public void Bad_inputs_are_rejected_with_the_problem_named()
    {
        var arms = FakeStudy.Arms(1, "adamw", "muon");
        var evaluations = FakeStudy.Evaluations(arms).ToList();

        var missing = Assert.Throws<ArgumentException>(() =>
            StudyAnalyzer.Analyze(arms, evaluations.Where(e => !(e.ArmId == "muon_seed0" && e.Stage == 1)).ToArray(), Fast));
        Assert.Contains("muon_seed0", missing.Message);
        Assert.Contains("stage 1", missing.Message);

        var unknown = Assert.Throws<ArgumentException>(() =>
            StudyAnalyzer.Analyze(arms, [.. evaluations, evaluations[0] with { ArmId = "sgd_seed0" }], Fast));
        Assert.Contains("sgd_seed0", unknown.Message);

        var duplicate = Assert.Throws<ArgumentException>(() => StudyAnalyzer.Analyze(arms, [.. evaluations, evaluations[0]], Fast));
        Assert.Contains("two evaluations", duplicate.Message);

        var reordered = evaluations.ToArray();
        reordered[4] = reordered[4] with { Gsm8k = [.. reordered[4].Gsm8k.Reverse()] };
        var order = Assert.Throws<ArgumentException>(() => StudyAnalyzer.Analyze(arms, reordered, Fast));
        Assert.Contains("same order", order.Message);

        var sameSeed = Assert.Throws<ArgumentException>(() =>
            StudyAnalyzer.Analyze([.. arms, new ArmSpec("adamw-again", "adamw", 0)], evaluations, Fast));
        Assert.Contains("seed 0", sameSeed.Message);
    }
}
