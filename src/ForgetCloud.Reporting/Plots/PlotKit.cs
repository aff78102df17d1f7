using ForgetCloud.Learning.Metrics;
using ScottPlot;
using ScottPlot.Plottables;
using ScottPlot.TickGenerators;

namespace ForgetCloud.Reporting.Plots;

/// <summary>Shared drawing helpers: multi-panel figures, bars and points with asymmetric CI error bars, category ticks.</summary>
internal static class PlotKit
{
    private static readonly IPalette Palette = new ScottPlot.Palettes.Category10();

    public static Color ColorAt(int index) => Palette.GetColor(index);

    /// <summary>A rows x columns figure.</summary>
    public static (Multiplot Figure, Plot[] Panels) Grid(int rows, int columns)
    {
        var figure = new Multiplot();
        figure.AddPlots(rows * columns); // sets the total number of subplots

        figure.Layout = new ScottPlot.MultiplotLayouts.Grid(rows, columns);
        var panels = figure.Subplots.GetPlots();
        if (panels.Length != rows * columns)
        {
            throw new InvalidOperationException($"Expected {rows * columns} subplots, ScottPlot made {panels.Length}");
        }
        foreach (var panel in panels)
        {
            panel.Axes.Title.Label.FontSize = 16;
        }

        return (figure, panels);
    }

    public static void Save(Multiplot figure, string path, int width, int height)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (directory is not null)
        {
            Directory.CreateDirectory(directory);
        }

        figure.SavePng(path, width, height);
    }

    /// <summary>Bars at the positions, each with its CI drawn as an error bar (lower/upper may be asymmetric).</summary>
    public static void BarsWithIntervals(
        Plot plot, IReadOnlyList<double> positions, IReadOnlyList<ConfidenceInterval?> values, double width, Color color, string legend)
    {
        var bars = new List<Bar>();
        var xs = new List<double>();
        var ys = new List<double>();
        var up = new List<double>();
        var down = new List<double>();
        for (var i = 0; i < values.Count; i++)
        {
            if (values[i] is not { } v)
            {
                continue;
            }

            bars.Add(new Bar { Position = positions[i], Value = v.Estimate, Size = width, FillColor = color, LineWidth = 0 });
            xs.Add(positions[i]);
            ys.Add(v.Estimate);
            up.Add(Math.Max(0, v.Upper - v.Estimate));
            down.Add(Math.Max(0, v.Estimate - v.Lower));
        }

        plot.Add.Bars(bars);
        AddErrorBars(plot, xs, ys, up, down, Colors.Black);
        plot.Legend.ManualItems.Add(new LegendItem { LabelText = legend, FillColor = color });
    }

    /// <summary>Points joined by a line, with CI error bars.</summary>
    public static void LineWithIntervals(
        Plot plot, IReadOnlyList<double> xs, IReadOnlyList<ConfidenceInterval> values, Color color, string legend)
    {
        var ys = values.Select(v => v.Estimate).ToArray();
        var line = plot.Add.Scatter(xs.ToArray(), ys, color);
        line.LegendText = legend;
        line.LineWidth = 2;
        line.MarkerSize = 8;
        AddErrorBars(
            plot,
            xs,
            ys,
            values.Select(v => Math.Max(0, v.Upper - v.Estimate)).ToArray(),
            values.Select(v => Math.Max(0, v.Estimate - v.Lower)).ToArray(),
            color);
    }

    private static void AddErrorBars(
        Plot plot, IReadOnlyList<double> xs, IReadOnlyList<double> ys, IReadOnlyList<double> up, IReadOnlyList<double> down, Color color)
    {
        var zeros = new double[xs.Count];
        var errors = new ErrorBar(xs, ys, zeros, zeros, up, down) { LineWidth = 1.5f, CapSize = 6 };
        errors.LineColor = color;
        plot.Add.Plottable(errors);
    }

    /// <summary>Replaces the bottom axis ticks with labels at the given positions.</summary>
    public static void CategoryTicks(Plot plot, IReadOnlyList<double> positions, IReadOnlyList<string> labels)
    {
        var ticks = new NumericManual();
        for (var i = 0; i < positions.Count; i++)
        {
            ticks.AddMajor(positions[i], labels[i]);
        }

        plot.Axes.Bottom.TickGenerator = ticks;
        plot.Axes.Bottom.TickLabelStyle.FontSize = 13;
    }

    public static void ZeroLine(Plot plot) => plot.Add.HorizontalLine(0, 1, Colors.Gray, LinePattern.Dashed);

    /// <summary>Legend inside the panel, for curves whose shape leaves that corner empty (training loss, schedules).</summary>
    public static void Legend(Plot plot, Alignment where)
    {
        plot.ShowLegend(where);
        plot.Legend.FontSize = 12;
    }

    /// <summary>Legend beside the panel: it can never cover data, wherever the bars and error bars end up.</summary>
    public static void LegendOutside(Plot plot)
    {
        plot.ShowLegend(Edge.Right);
        plot.Legend.FontSize = 12;
    }
}
