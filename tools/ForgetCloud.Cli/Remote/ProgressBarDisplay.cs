using System.Globalization;
using System.Text;
using ForgetCloud.Contracts.Api;

namespace ForgetCloud.Cli.Remote;

/// <summary>
/// One line redrawn in place: <c>[#####-----]  45.0%  Running  ETA 12m  description</c>. The ETA extrapolates the
/// progress made since following began (shown once progress has moved).
/// </summary>
public sealed class ProgressBarDisplay(TextWriter output, Func<int> width, TimeProvider time) : IRunProgressDisplay
{
    private const int BarWidth = 24;
    private (DateTimeOffset At, double Progress)? _first;
    private int _drawn;

    public void Show(RunEvent runEvent)
    {
        var now = time.GetUtcNow();
        _first ??= (now, runEvent.Progress);
        var filled = (int)Math.Round(Math.Clamp(runEvent.Progress, 0, 1) * BarWidth);
        var line = new StringBuilder()
            .Append('[').Append('#', filled).Append('-', BarWidth - filled).Append("] ")
            .Append(string.Create(CultureInfo.InvariantCulture, $"{runEvent.Progress * 100,5:0.0}%  {Status.Of(runEvent.Status)}"));
        if (Eta(now, runEvent.Progress) is { } eta && !runEvent.IsTerminal)
            line.Append("  ETA ").Append(Status.Duration(eta));
        line.Append("  ").Append(runEvent.Description);
        Draw(line.ToString());
    }

    public void Note(string message)
    {
        Finish();
        output.WriteLine(message);
        output.Flush();
    }

    public void Finish()
    {
        if (_drawn == 0) return;
        output.WriteLine();
        output.Flush();
        _drawn = 0;
    }

    private TimeSpan? Eta(DateTimeOffset now, double progress)
    {
        if (_first is not { } first || progress <= first.Progress || progress >= 1) return null;
        var rate = (progress - first.Progress) / (now - first.At).TotalSeconds;
        return rate > 0 ? TimeSpan.FromSeconds((1 - progress) / rate) : null;
    }

    private void Draw(string line)
    {
        var max = Math.Max(20, SafeWidth() - 1);
        if (line.Length > max) line = line[..(max - 1)] + "…";
        // Pad over what the previous, possibly longer, line left on screen.
        output.Write('\r' + line.PadRight(_drawn));
        output.Flush();
        _drawn = line.Length;
    }

    private int SafeWidth()
    {
        try
        {
            var w = width();
            return w > 0 ? w : 80;
        }
        catch (IOException)
        {
            return 80;
        }
    }
}
