using ForgetCloud.Learning.Metrics;
using ForgetCloud.Reporting.Analysis;
using ScottPlot;

namespace ForgetCloud.Reporting.Plots;

/// <summary>
/// optimizer_comparison.png: per optimizer, BWT, forgetting, FWT and the final GSM8K and AQUA-RAT scores, for
/// accuracy (left) and NLL (right). The bar is the mean over the optimizer's seeds; the error bar is the Student t
/// 95% interval over seeds when there are several, else that single arm's 95% bootstrap CI. The accuracy title gives
/// McNemar's p on GSM8K after stage 2 for every seed-paired comparison.
/// </summary>
public static class OptimizerComparisonPlot
{
    public const int Width = 1800;
    public const int Height = 850;

    private static readonly (string Name, string Label)[] Quantities =
    [
        ("bwt", "BWT\n(GSM8K)"),
        ("forgetting", "forgetting\n(GSM8K)"),
        ("fwt", "FWT\n(AQUA-RAT)"),
        ("gsm8k_final", "GSM8K\nafter stage 2"),
        ("aqua_rat_final", "AQUA-RAT\nafter stage 2"),
    ];

    public static void Save(StudyAnalysis analysis, string path)
    {
        ArgumentNullException.ThrowIfNull(analysis);
        var (figure, panels) = PlotKit.Grid(1, 2);
        var optimizers = analysis.Optimizers;
        var width = 0.8 / optimizers.Count;
        for (var p = 0; p < 2; p++)
        {
            var accuracy = p == 0;
            var panel = panels[p];
            for (var o = 0; o < optimizers.Count; o++)
            {
                var offset = ((o + 0.5) * width) - 0.4;
                var arms = optimizers[o].ArmIds.Select(analysis.Arm).ToArray();
                PlotKit.BarsWithIntervals(
                    panel,
                    Quantities.Select((_, i) => i + offset).ToArray(),
                    Quantities.Select(q => (ConfidenceInterval?)Interval(arms, accuracy, q.Name)).ToArray(),
                    width,
                    PlotKit.ColorAt(o),
                    $"{optimizers[o].Optimizer} ({Seeds(arms.Length)})");
            }

            PlotKit.ZeroLine(panel);
            PlotKit.CategoryTicks(panel, Quantities.Select((_, i) => (double)i).ToArray(), Quantities.Select(q => q.Label).ToArray());
            panel.Title(accuracy ? $"Accuracy (higher is better){McNemarNote(analysis)}" : "NLL (nats / token; lower is better)");
            panel.XLabel("quantity");
            panel.YLabel(accuracy ? "accuracy or accuracy difference" : "NLL or NLL difference");
            panel.Axes.Margins(top: 0.2);
            PlotKit.LegendOutside(panel);
        }

        PlotKit.Save(figure, path, Width, Height);
    }

    private static string Seeds(int count) => count == 1 ? "1 seed, bootstrap CI" : $"{count} seeds, t interval";

    private static ConfidenceInterval Interval(IReadOnlyList<ArmAnalysis> arms, bool accuracy, string name)
    {
        ConfidenceInterval One(ArmAnalysis arm)
        {
            var family = accuracy ? arm.Accuracy : arm.Nll;
            return name switch
            {
                "gsm8k_final" => family.MatrixIntervals[2][0],
                "aqua_rat_final" => family.MatrixIntervals[2][1],
                _ => family.Difference(name).Interval,
            };
        }

        if (arms.Count == 1)
        {
            return One(arms[0]);
        }

        var summary = SeedStatistics.Summarize(arms.Select(a => One(a).Estimate).ToArray());
        return summary.Interval!;
    }

    /// <summary>Extra title lines: McNemar's p on GSM8K after stage 2 per optimizer pair, by seed, four seeds a line
    /// so that the title never outgrows its panel.</summary>
    private static string McNemarNote(StudyAnalysis analysis)
    {
        var lines = new List<string>();
        foreach (var pair in analysis.Comparisons.GroupBy(c => (c.FirstOptimizer, c.SecondOptimizer)))
        {
            var seeds = pair
                .Select(c => (c.Seed, Test: c.McNemar.FirstOrDefault(m => m.Stage == 2 && m.Task == TaskNames.Gsm8k)))
                .Where(x => x.Test is not null)
                .Select(x => $"s{x.Seed}: {x.Test!.Result.PValue:0.###}")
                .ToArray();
            lines.Add($"McNemar p, {pair.Key.FirstOptimizer} vs {pair.Key.SecondOptimizer}, GSM8K after stage 2");
            lines.AddRange(seeds.Chunk(4).Select(chunk => string.Join("   ", chunk)));
        }

        return lines.Count == 0 ? string.Empty : "\n" + string.Join("\n", lines);
    }
}
