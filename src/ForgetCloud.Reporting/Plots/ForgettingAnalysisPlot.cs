using ForgetCloud.Learning.Metrics;
using ForgetCloud.Reporting.Analysis;
using ScottPlot;

namespace ForgetCloud.Reporting.Plots;

/// <summary>
/// forgetting_analysis.png: rows accuracy and NLL. Left: the matrix R as grouped bars (groups = evaluated model,
/// one bar per arm and test set) with 95% CIs (Wilson for accuracy, bootstrap for NLL). Right: the differences (stage-1 change on GSM8K, BWT,
/// forgetting, drop from the best state including the base, FWT, stage-2 change on AQUA-RAT) per arm with their paired 95% bootstrap CIs.
/// </summary>
public static class ForgettingAnalysisPlot
{
    public const int Width = 1800;
    public const int Height = 1100;

    private static readonly string[] DifferenceLabels =
        ["GSM8K stage-1\nchange", "BWT\n(GSM8K)", "forgetting\n(GSM8K)", "drop from best\nincl. base (GSM8K)", "FWT\n(AQUA-RAT)", "AQUA-RAT stage-2\nchange"];

    public static void Save(StudyAnalysis analysis, string path)
    {
        ArgumentNullException.ThrowIfNull(analysis);
        var (figure, panels) = PlotKit.Grid(2, 2);
        var arms = analysis.Arms;
        for (var row = 0; row < 2; row++)
        {
            var accuracy = row == 0;
            var name = accuracy ? "accuracy" : "NLL (nats / token)";
            var matrix = panels[row * 2];
            var differences = panels[(row * 2) + 1];

            // Left: R[stage][task] for every arm.
            var barsPerGroup = arms.Count * 2;
            var width = 0.8 / barsPerGroup;
            var series = 0;
            for (var a = 0; a < arms.Count; a++)
            {
                var family = accuracy ? arms[a].Accuracy : arms[a].Nll;
                for (var t = 0; t < 2; t++)
                {
                    var offset = ((series + 0.5) * width) - 0.4;
                    PlotKit.BarsWithIntervals(
                        matrix,
                        [0 + offset, 1 + offset, 2 + offset],
                        family.MatrixIntervals.Select(r => (ConfidenceInterval?)r[t]).ToArray(),
                        width,
                        PlotKit.ColorAt(series),
                        $"{arms[a].ArmId} {TaskNames.Label((StudyTask)t)}");
                    series++;
                }
            }

            matrix.Title($"Score matrix R ({(accuracy ? "accuracy" : "NLL")}), 95% {(accuracy ? "Wilson" : "bootstrap")} CIs");
            matrix.XLabel("evaluated model");
            matrix.YLabel(name);
            PlotKit.CategoryTicks(matrix, [0, 1, 2], [.. Enumerable.Range(0, 3).Select(StageNames.Label)]);
            matrix.Axes.Margins(bottom: 0, top: 0.2);
            PlotKit.LegendOutside(matrix);

            // Right: differences with paired CIs.
            var names = arms[0].Accuracy.Differences.Select(d => d.Name).ToArray();
            var dWidth = 0.8 / arms.Count;
            for (var a = 0; a < arms.Count; a++)
            {
                var family = accuracy ? arms[a].Accuracy : arms[a].Nll;
                var offset = ((a + 0.5) * dWidth) - 0.4;
                PlotKit.BarsWithIntervals(
                    differences,
                    names.Select((_, i) => i + offset).ToArray(),
                    names.Select(n => (ConfidenceInterval?)family.Difference(n).Interval).ToArray(),
                    dWidth,
                    PlotKit.ColorAt(a),
                    arms[a].ArmId);
            }

            PlotKit.ZeroLine(differences);
            differences.Title(accuracy
                ? "Changes in accuracy (negative BWT = forgetting), paired 95% CIs"
                : "Changes in NLL (positive BWT = forgetting), paired 95% CIs");
            differences.XLabel("difference");
            differences.YLabel(accuracy ? "accuracy difference" : "NLL difference (nats / token)");
            PlotKit.CategoryTicks(differences, names.Select((_, i) => (double)i).ToArray(), DifferenceLabels);
            differences.Axes.Margins(top: 0.2);
            PlotKit.LegendOutside(differences);
        }

        PlotKit.Save(figure, path, Width, Height);
    }
}
