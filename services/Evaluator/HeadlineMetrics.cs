using ForgetCloud.Learning.Evaluation;
using ForgetCloud.Reporting.Analysis;
using ForgetCloud.Reporting.Scores;

namespace ForgetCloud.Evaluator;

/// <summary>The few numbers a run shows while it goes on (CheckpointEvaluated.Metrics), from the report's own scorers.</summary>
public static class HeadlineMetrics
{
    public static IReadOnlyDictionary<string, double> Of(StageEvaluation evaluation, AnalysisOptions options)
    {
        var gsm8k = Gsm8kScores.FromItems(evaluation.Gsm8k, options.BootstrapOrDefault);
        var aqua = AquaRatScores.FromItems(evaluation.AquaRat, options.BootstrapOrDefault);
        return new SortedDictionary<string, double>(StringComparer.Ordinal)
        {
            ["gsm8k_accuracy"] = gsm8k.Accuracy(options.Gsm8kAccuracy).Estimate,
            ["gsm8k_strict_accuracy"] = gsm8k.StrictAccuracy.Estimate,
            ["gsm8k_answer_nll"] = gsm8k.AnswerNll.Estimate,
            ["aqua_rat_accuracy"] = aqua.PrimaryAccuracy(options.AquaRatAccuracy).Estimate,
            ["aqua_rat_rationale_nll"] = aqua.RationaleNll.Estimate,
        };
    }
}
