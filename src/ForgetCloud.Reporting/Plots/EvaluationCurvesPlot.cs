using ForgetCloud.Learning.Metrics;
using ForgetCloud.Reporting.Analysis;
using ScottPlot;

namespace ForgetCloud.Reporting.Plots;

/// <summary>
/// evaluation_curves.png: rows accuracy and NLL, columns GSM8K and AQUA-RAT; x = base, after stage 1, after stage 2;
/// one line per arm with 95% CIs, Wilson for accuracy and bootstrap for NLL (arms slightly offset so their error bars do not overlap).
/// </summary>
public static class EvaluationCurvesPlot
{
    public const int Width = 1600;
    public const int Height = 1100;

    public static void Save(StudyAnalysis analysis, string path)
    {
        ArgumentNullException.ThrowIfNull(analysis);
        var (figure, panels) = PlotKit.Grid(2, 2);
        double[] stages = [0, 1, 2];
        string[] stageLabels = [.. Enumerable.Range(0, 3).Select(StageNames.Label)];
        for (var row = 0; row < 2; row++)
        {
            for (var column = 0; column < 2; column++)
            {
                var task = (StudyTask)column;
                var panel = panels[(row * 2) + column];
                var accuracy = row == 0;
                var metric = accuracy
                    ? task == StudyTask.Gsm8k ? analysis.PrimaryMetrics.Gsm8kAccuracy : analysis.PrimaryMetrics.AquaRatAccuracy
                    : task == StudyTask.Gsm8k ? "answer NLL" : "rationale NLL";
                panel.Title($"{TaskNames.Label(task)}: {(accuracy ? "accuracy" : "NLL")} across stages");
                panel.XLabel("evaluated model");
                panel.YLabel(accuracy ? $"accuracy ({metric})" : $"{metric} (nats / token)");
                for (var a = 0; a < analysis.Arms.Count; a++)
                {
                    var arm = analysis.Arms[a];
                    var family = accuracy ? arm.Accuracy : arm.Nll;
                    var offset = (a - ((analysis.Arms.Count - 1) / 2.0)) * 0.05;
                    PlotKit.LineWithIntervals(
                        panel,
                        stages.Select(s => s + offset).ToArray(),
                        family.MatrixIntervals.Select(r => r[column]).ToArray(),
                        PlotKit.ColorAt(a),
                        arm.ArmId);
                }

                PlotKit.CategoryTicks(panel, stages, stageLabels);
                panel.Axes.SetLimitsX(-0.4, 2.4);
                PlotKit.LegendOutside(panel);
            }
        }

        PlotKit.Save(figure, path, Width, Height);
    }
}
