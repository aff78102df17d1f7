using ForgetCloud.Learning.Evaluation;
using ForgetCloud.Learning.Metrics;
using ForgetCloud.Reporting.Scores;

namespace ForgetCloud.Reporting.Analysis;

/// <summary>
/// One arm's per-item columns of one metric family, per stage and task: R[stage][task] over a set of item indices
/// is sum(numerator) / sum(denominator) (accuracy: 0/1 over 1; NLL: NLL sum over tokens). Reading every column at
/// the same indices is what makes the bootstrap paired across stages and arms.
/// </summary>
internal sealed class ItemColumns
{
    private readonly double[][][] _numerators; // [task][stage][item]
    private readonly double[][][] _denominators;

    private ItemColumns(double[][][] numerators, double[][][] denominators)
    {
        _numerators = numerators;
        _denominators = denominators;
    }

    public int ItemCount(StudyTask task) => _numerators[(int)task][0].Length;

    public double Value(StudyTask task, int stage, IReadOnlyList<int> indices) =>
        ItemStatistics.Ratio(_numerators[(int)task][stage], _denominators[(int)task][stage], indices);

    public static ItemColumns Accuracy(IReadOnlyList<StageEvaluation> byStage, AnalysisOptions options) => new(
        [
            byStage.Select(e => ItemStatistics.Indicator(AccuracyItems.Gsm8k(e.Gsm8k).Select(x => Gsm8kCorrect(x, options.Gsm8kAccuracy)))).ToArray(),
            byStage.Select(e => ItemStatistics.Indicator(AccuracyItems.AquaRat(e.AquaRat, options.AquaRatAccuracy).Select(x => AquaRatCorrect(x, options.AquaRatAccuracy)))).ToArray(),
        ],
        [
            byStage.Select(e => ItemStatistics.Ones(AccuracyItems.Gsm8k(e.Gsm8k).Count)).ToArray(),
            byStage.Select(e => ItemStatistics.Ones(AccuracyItems.AquaRat(e.AquaRat, options.AquaRatAccuracy).Count)).ToArray(),
        ]);

    public static ItemColumns Nll(IReadOnlyList<StageEvaluation> byStage) => new(
        [
            byStage.Select(e => e.Gsm8k.Select(x => x.AnswerNllSum).ToArray()).ToArray(),
            byStage.Select(e => e.AquaRat.Select(x => x.RationaleNllSum).ToArray()).ToArray(),
        ],
        [
            byStage.Select(e => e.Gsm8k.Select(x => (double)x.AnswerTokens).ToArray()).ToArray(),
            byStage.Select(e => e.AquaRat.Select(x => (double)x.RationaleTokens).ToArray()).ToArray(),
        ]);

    public static bool Gsm8kCorrect(Gsm8kItemResult item, Gsm8kAccuracyMetric metric) => metric switch
    {
        Gsm8kAccuracyMetric.FlexibleExtract => item.FlexibleCorrect,
        Gsm8kAccuracyMetric.StrictMatch => item.StrictCorrect,
        _ => throw new ArgumentOutOfRangeException(nameof(metric), metric, "Unknown GSM8K accuracy metric"),
    };

    public static bool AquaRatCorrect(AquaRatItemResult item, AquaRatAccuracyMetric metric) => metric switch
    {
        AquaRatAccuracyMetric.LogLikelihood => item.Correct,
        AquaRatAccuracyMetric.LogLikelihoodNorm => item.CorrectNorm,
        AquaRatAccuracyMetric.Generation => item.GeneratedCorrect,
        _ => throw new ArgumentOutOfRangeException(nameof(metric), metric, "Unknown AQUA-RAT accuracy metric"),
    };
}
