namespace ForgetCloud.Learning.Metrics;

/// <summary>
/// Forgetting analysis of one <see cref="ScoreMatrix"/> (g = GSM8K, the stage-1 task; a = AQUA-RAT, the stage-2 task;
/// rows 0 base, 1 after stage 1, 2 after stage 2). Formulas and sources: docs/metrics.md.
/// </summary>
/// <param name="Metric">The score matrix's metric name.</param>
/// <param name="Direction">The score's direction; BWT, FWT and the averages share it.</param>
/// <param name="BackwardTransfer">BWT = R[2][g] - R[1][g] (Lopez-Paz and Ranzato, 2017, for two tasks). For
/// accuracy negative means forgetting; for NLL positive means forgetting.</param>
/// <param name="Forgetting">Chaudhry et al. (2018) forgetting of g: the best score over the states after g was
/// trained and before the last task (only R[1] with two stages) minus the final one, oriented so that positive is
/// always worse: R[1][g] - R[2][g] when higher is better, R[2][g] - R[1][g] when lower is better (= -BWT for two
/// stages). The base model is no post-training state, so it is not in the maximum. Lower is better.</param>
/// <param name="DropFromBestIncludingBase">The same drop measured from the best state including the base:
/// max(R[0][g], R[1][g]) - R[2][g] (higher is better), R[2][g] - min(R[0][g], R[1][g]) (lower is better). Not
/// Chaudhry's forgetting: it also counts a stage 1 that made g worse than the base. Lower is better.</param>
/// <param name="ForwardTransfer">FWT(a) = R[1][a] - R[0][a]: what stage 1 did for the not-yet-trained task.</param>
/// <param name="FinalAverage">Average score after stage 2: (R[2][g] + R[2][a]) / 2.</param>
/// <param name="OriginalFrameworkPerformanceGap">Seed <c>gsm8k_aqua_performance_gap</c> = |R[2][g] - R[2][a]| on the final
/// evaluation (seed evaluation.py, calculate_forgetting_metrics). Lower is better (more even).</param>
/// <param name="SeedAveragePerformance">Seed <c>average_performance</c> = (R[2][g] + R[2][a]) / 2.</param>
/// <param name="SeedPerformanceBalance">Seed <c>performance_balance</c> = 1 - gap; only defined for scores where
/// higher is better (accuracies in [0, 1]), <c>null</c> otherwise, since 1 - |NLL gap| has no meaning.</param>
/// <param name="SeedForgettingRateStage1">Seed forgetting rate of the transition base -> after stage 1 (seed
/// logging.py, _plot_forgetting_analysis): |(R[1][g] - R[0][g]) + (R[1][a] - R[0][a])| / 2.</param>
/// <param name="SeedForgettingRateStage2">Same for after stage 1 -> after stage 2:
/// |(R[2][g] - R[1][g]) + (R[2][a] - R[1][a])| / 2.</param>
/// <param name="SeedReplayForgettingRate">Seed replay_analysis.py <c>forgetting_rate</c> on the stage-1 task:
/// max(0, R[1][g] - R[2][g]) when higher is better, max(0, R[2][g] - R[1][g]) when lower is better.</param>
public sealed record ForgettingReport(
    string Metric,
    MetricDirection Direction,
    double BackwardTransfer,
    double Forgetting,
    double DropFromBestIncludingBase,
    double ForwardTransfer,
    double FinalAverage,
    double OriginalFrameworkPerformanceGap,
    double SeedAveragePerformance,
    double? SeedPerformanceBalance,
    double SeedForgettingRateStage1,
    double SeedForgettingRateStage2,
    double SeedReplayForgettingRate)
{
    private const string SeedSource = "seed qtris123/Muon-vs-AdamW@449f589";

    /// <summary>Computes every metric of the report from the matrix.</summary>
    public static ForgettingReport Compute(ScoreMatrix r)
    {
        ArgumentNullException.ThrowIfNull(r);
        const StudyTask g = StudyTask.Gsm8k;
        const StudyTask a = StudyTask.AquaRat;
        var r0g = r[StudyStage.Base, g];
        var r1g = r[StudyStage.AfterStage1, g];
        var r2g = r[StudyStage.AfterStage2, g];
        var r0a = r[StudyStage.Base, a];
        var r1a = r[StudyStage.AfterStage1, a];
        var r2a = r[StudyStage.AfterStage2, a];
        var higher = r.Direction == MetricDirection.HigherIsBetter;

        var gap = Math.Abs(r2g - r2a);
        return new ForgettingReport(
            r.Metric,
            r.Direction,
            BackwardTransfer: r2g - r1g,
            Forgetting: higher ? r1g - r2g : r2g - r1g,
            DropFromBestIncludingBase: higher ? Math.Max(r0g, r1g) - r2g : r2g - Math.Min(r0g, r1g),
            ForwardTransfer: r1a - r0a,
            FinalAverage: (r2g + r2a) / 2,
            OriginalFrameworkPerformanceGap: gap,
            SeedAveragePerformance: (r2g + r2a) / 2,
            SeedPerformanceBalance: higher ? 1 - gap : null,
            SeedForgettingRateStage1: Math.Abs((r1g - r0g) + (r1a - r0a)) / 2,
            SeedForgettingRateStage2: Math.Abs((r2g - r1g) + (r2a - r1a)) / 2,
            SeedReplayForgettingRate: Math.Max(0, higher ? r1g - r2g : r2g - r1g));
    }

    /// <summary>The report as named entries (name, value, direction, formula, source), for results files and plots.
    /// <see cref="SeedPerformanceBalance"/> is left out when it is undefined.</summary>
    public IReadOnlyList<ForgettingMetric> Entries()
    {
        var same = Direction;
        var entries = new List<ForgettingMetric>
        {
            new("bwt", BackwardTransfer, same, "R[2][gsm8k] - R[1][gsm8k]", "Lopez-Paz & Ranzato 2017 (GEM)"),
            new("forgetting", Forgetting, MetricDirection.LowerIsBetter,
                Direction == MetricDirection.HigherIsBetter ? "R[1][gsm8k] - R[2][gsm8k]" : "R[2][gsm8k] - R[1][gsm8k]",
                "Chaudhry et al. 2018 (RWalk): max over post-training states, only R[1] with two stages"),
            new("drop_from_best_including_base", DropFromBestIncludingBase, MetricDirection.LowerIsBetter,
                Direction == MetricDirection.HigherIsBetter
                    ? "max(R[0][gsm8k], R[1][gsm8k]) - R[2][gsm8k]"
                    : "R[2][gsm8k] - min(R[0][gsm8k], R[1][gsm8k])",
                "ForgetCloud: best state including the base model, minus final"),
            new("fwt", ForwardTransfer, same, "R[1][aqua_rat] - R[0][aqua_rat]", "Lopez-Paz & Ranzato 2017 (GEM)"),
            new("average_final", FinalAverage, same, "(R[2][gsm8k] + R[2][aqua_rat]) / 2", "continual-learning average accuracy"),
            new("gsm8k_aqua_performance_gap", OriginalFrameworkPerformanceGap, MetricDirection.LowerIsBetter,
                "|R[2][gsm8k] - R[2][aqua_rat]|", SeedSource + " evaluation.py"),
            new("average_performance", SeedAveragePerformance, same,
                "(R[2][gsm8k] + R[2][aqua_rat]) / 2", SeedSource + " evaluation.py"),
        };
        if (SeedPerformanceBalance is { } balance)
        {
            entries.Add(new("performance_balance", balance, MetricDirection.HigherIsBetter,
                "1 - |R[2][gsm8k] - R[2][aqua_rat]|", SeedSource + " evaluation.py"));
        }

        entries.Add(new("forgetting_rate_stage1", SeedForgettingRateStage1, MetricDirection.LowerIsBetter,
            "|(R[1][gsm8k] - R[0][gsm8k]) + (R[1][aqua_rat] - R[0][aqua_rat])| / 2", SeedSource + " logging.py"));
        entries.Add(new("forgetting_rate_stage2", SeedForgettingRateStage2, MetricDirection.LowerIsBetter,
            "|(R[2][gsm8k] - R[1][gsm8k]) + (R[2][aqua_rat] - R[1][aqua_rat])| / 2", SeedSource + " logging.py"));
        entries.Add(new("replay_forgetting_rate", SeedReplayForgettingRate, MetricDirection.LowerIsBetter,
            Direction == MetricDirection.HigherIsBetter
                ? "max(0, R[1][gsm8k] - R[2][gsm8k])"
                : "max(0, R[2][gsm8k] - R[1][gsm8k])",
            SeedSource + " replay_analysis.py"));
        return entries;
    }
}
