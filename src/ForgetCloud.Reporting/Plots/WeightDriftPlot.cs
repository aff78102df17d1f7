using ForgetCloud.Reporting.History;
using ScottPlot;

namespace ForgetCloud.Reporting.Plots;

/// <summary>
/// weight_drift.png: rows stage 1 and stage 2; left, the relative change of the weights by layer (mean over the layer's
/// trained projections); right, the top singular value of the change by projection kind (mean over layers). One line
/// per arm, so AdamW and Muon can be compared: how far each moved the weights, and how concentrated the move is.
/// </summary>
public static class WeightDriftPlot
{
    public const int Width = 1600;
    public const int Height = 1000;

    public static void Save(WeightDriftReport report, string path)
    {
        ArgumentNullException.ThrowIfNull(report);
        var (figure, panels) = PlotKit.Grid(2, 2);
        for (var row = 0; row < 2; row++)
        {
            var stage = row + 1;
            var byLayer = panels[row * 2];
            var byProjection = panels[(row * 2) + 1];
            byLayer.Title($"Stage {stage}: relative change ‖ΔW‖ / ‖W_start‖ by layer");
            byLayer.XLabel("decoder layer");
            byLayer.YLabel("relative change (mean over projections)");
            byProjection.Title($"Stage {stage}: top singular value of ΔW by projection");
            byProjection.YLabel("σ_max(ΔW) (mean over layers)");
            var kinds = new List<string>();
            var layerIndices = new SortedSet<int>();
            var any = false;
            for (var a = 0; a < report.Arms.Count; a++)
            {
                if (report.Arms[a].Stages.FirstOrDefault(s => s.Stage == stage) is not { Projections.Count: > 0 } drift) continue;
                any = true;
                var color = PlotKit.ColorAt(a);
                var layers = drift.ByLayer();
                layerIndices.UnionWith(layers.Select(x => x.Layer));
                var l = byLayer.Add.Scatter(layers.Select(x => (double)x.Layer).ToArray(), layers.Select(x => x.RelativeChange).ToArray(), color);
                l.LegendText = report.Arms[a].ArmId;
                l.LineWidth = 2;
                var projections = drift.ByProjection();
                foreach (var (kind, _) in projections.Where(p => !kinds.Contains(p.Projection))) kinds.Add(kind);
                var p = byProjection.Add.Scatter(
                    projections.Select(x => (double)kinds.IndexOf(x.Projection)).ToArray(), projections.Select(x => x.TopSingularValue).ToArray(), color);
                p.LegendText = report.Arms[a].ArmId;
                p.LineWidth = 2;
            }

            if (any)
            {
                PlotKit.CategoryTicks(byProjection, [.. kinds.Select((_, i) => (double)i)], kinds);
                PlotKit.CategoryTicks(byLayer, [.. layerIndices.Select(i => (double)i)], [.. layerIndices.Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture))]);
                PlotKit.Legend(byLayer, Alignment.UpperRight);
                PlotKit.Legend(byProjection, Alignment.UpperRight);
            }
            else
            {
                byLayer.Add.Annotation("no weight drift recorded for this stage");
                byProjection.Add.Annotation("no weight drift recorded for this stage");
            }
        }

        PlotKit.Save(figure, path, Width, Height);
    }
}
