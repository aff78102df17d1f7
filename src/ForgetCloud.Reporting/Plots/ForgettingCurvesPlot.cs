using ForgetCloud.Reporting.History;
using ScottPlot;

namespace ForgetCloud.Reporting.Plots;

/// <summary>
/// forgetting_curves.png: the stage-1 task's (GSM8K) held-out answer NLL through both stages beside the stage-2 task's
/// (AQUA-RAT), against steps since the start of stage 1, one line per arm; a dashed line marks where stage 2 begins.
/// Forgetting is the GSM8K line rising after it.
/// </summary>
public static class ForgettingCurvesPlot
{
    public const int Width = 1600;
    public const int Height = 650;

    public static void Save(ForgettingCurves curves, string path)
    {
        ArgumentNullException.ThrowIfNull(curves);
        var (figure, panels) = PlotKit.Grid(1, 2);
        var tasks = new (Plot Panel, string Title, Func<CurveSample, double> Value)[]
        {
            (panels[0], "GSM8K (stage-1 task): held-out answer NLL", p => p.Gsm8kNll),
            (panels[1], "AQUA-RAT (stage-2 task): held-out answer NLL", p => p.AquaRatNll),
        };
        foreach (var (panel, title, value) in tasks)
        {
            panel.Title(title);
            panel.XLabel("optimizer step since the start of stage 1");
            panel.YLabel("NLL (nats / answer token)");
            for (var a = 0; a < curves.Arms.Count; a++)
            {
                var arm = curves.Arms[a];
                if (arm.Points.Count == 0) continue;
                var line = panel.Add.ScatterLine(
                    arm.Points.Select(p => (double)p.GlobalStep).ToArray(), arm.Points.Select(value).ToArray(), PlotKit.ColorAt(a));
                line.LegendText = arm.ArmId;
                line.LineWidth = 2;
                line.MarkerSize = 4;
            }

            if (curves.Arms.FirstOrDefault(a => a.Points.Any(p => p.Stage == 2))?.Stage1Steps is > 0 and var boundary)
            {
                var start = panel.Add.VerticalLine(boundary, 1, Colors.Gray, LinePattern.Dashed);
                start.LegendText = "stage 2 begins";
            }

            if (curves.Any) PlotKit.Legend(panel, Alignment.UpperRight);
            else panel.Add.Annotation("no forgetting-curve points recorded (evaluation.curve_interval: 0)");
        }

        PlotKit.Save(figure, path, Width, Height);
    }
}
