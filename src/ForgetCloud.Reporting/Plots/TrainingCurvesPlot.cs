using ForgetCloud.Reporting.History;
using ScottPlot;

namespace ForgetCloud.Reporting.Plots;

/// <summary>
/// training_curves.png: the original framework's 2 x 2 layout (rows stage 1 and stage 2; columns training loss and learning rate
/// against the step), with one line per arm.
/// </summary>
public static class TrainingCurvesPlot
{
    public const int Width = 1600;
    public const int Height = 1000;

    public static void Save(TrainingHistory history, string path)
    {
        ArgumentNullException.ThrowIfNull(history);
        var (figure, panels) = PlotKit.Grid(2, 2);
        for (var row = 0; row < 2; row++)
        {
            var stage = row + 1;
            var dataset = stage == 1 ? "GSM8K" : "AQUA-RAT";
            var loss = panels[row * 2];
            var lr = panels[(row * 2) + 1];
            loss.Title($"Stage {stage} ({dataset}): training loss");
            loss.XLabel("optimizer step");
            loss.YLabel("loss (nats / token)");
            lr.Title($"Stage {stage} ({dataset}): learning rate");
            lr.XLabel("optimizer step");
            lr.YLabel("learning rate");
            var any = false;
            for (var a = 0; a < history.Arms.Count; a++)
            {
                var arm = history.Arms[a];
                var steps = arm.Stages.FirstOrDefault(s => s.Stage == stage)?.Steps;
                if (steps is null || steps.Count == 0)
                {
                    continue;
                }

                any = true;
                var xs = steps.Select(s => (double)s.Step).ToArray();
                var color = PlotKit.ColorAt(a);
                var l = loss.Add.ScatterLine(xs, steps.Select(s => s.Loss).ToArray(), color);
                l.LegendText = arm.ArmId;
                l.LineWidth = 1.5f;
                var r = lr.Add.ScatterLine(xs, steps.Select(s => s.LearningRate).ToArray(), color);
                r.LegendText = arm.ArmId;
                r.LineWidth = 2;
            }

            if (any)
            {
                // Loss falls and the schedule decays, so the upper right corner is empty in both panels.
                PlotKit.Legend(loss, Alignment.UpperRight);
                PlotKit.Legend(lr, Alignment.UpperRight);
                loss.Axes.Margins(top: 0.15);
                lr.Axes.Margins(top: 0.15);
            }
            else
            {
                loss.Add.Annotation("no training steps recorded");
                lr.Add.Annotation("no training steps recorded");
            }
        }

        PlotKit.Save(figure, path, Width, Height);
    }
}
