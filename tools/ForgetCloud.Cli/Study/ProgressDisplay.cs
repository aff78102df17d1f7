using System.Diagnostics;
using System.Globalization;

namespace ForgetCloud.Cli.Study;

/// <summary>
/// Progress of the current task (a training stage or an evaluation) with an ETA. On a terminal: one bar redrawn in
/// place (<c>\r</c>), log lines printed above it. Otherwise (output redirected, tests): no bar, plain lines, and a
/// progress line only every <see cref="PlainEvery"/> of the task so a log file stays readable.
/// </summary>
internal sealed class ProgressDisplay(TextWriter output, bool terminal)
{
    private const int BarWidth = 28;
    private const double PlainEvery = 0.1;
    private readonly Stopwatch _clock = new();
    private string _label = "";
    private long _total;
    private long _done;
    private long _startDone;
    private string _detail = "";
    private bool _barShown;
    private double _nextPlain;

    /// <summary>Starts a task of <paramref name="total"/> units, of which <paramref name="alreadyDone"/> were done
    /// before (a resumed stage): the ETA uses only the units done now.</summary>
    public void Start(string label, long total, long alreadyDone = 0)
    {
        lock (output)
        {
            Clear();
            (_label, _total, _done, _startDone, _detail) = (label, total, alreadyDone, alreadyDone, "");
            _nextPlain = total == 0 ? 1 : (double)alreadyDone / total + PlainEvery;
            _clock.Restart();
            Draw();
        }
    }

    public void Update(long done, string detail = "")
    {
        lock (output)
        {
            (_done, _detail) = (done, detail);
            if (terminal)
            {
                Draw();
            }
            else if (_total > 0 && (double)done / _total >= _nextPlain - 1e-12)
            {
                output.WriteLine($"  {Text()}");
                _nextPlain += PlainEvery;
            }
        }
    }

    public void Finish()
    {
        lock (output)
        {
            Clear();
            _label = "";
        }
    }

    /// <summary>A log line: above the bar on a terminal.</summary>
    public void Line(string message)
    {
        lock (output)
        {
            Clear();
            output.WriteLine(message);
            if (_label.Length > 0) Draw();
        }
    }

    private void Draw()
    {
        if (!terminal || _label.Length == 0) return;
        output.Write($"\r{Text()}\u001b[K");
        output.Flush();
        _barShown = true;
    }

    private void Clear()
    {
        if (!_barShown) return;
        output.Write("\r\u001b[K");
        _barShown = false;
    }

    private string Text()
    {
        var fraction = _total == 0 ? 1 : Math.Clamp((double)_done / _total, 0, 1);
        var filled = (int)Math.Round(fraction * BarWidth);
        var bar = terminal ? $"[{new string('#', filled)}{new string('-', BarWidth - filled)}] " : "";
        return string.Create(CultureInfo.InvariantCulture,
            $"{_label} {bar}{_done}/{_total} {fraction:P0} elapsed {Format(_clock.Elapsed)} ETA {Eta()}{(_detail.Length > 0 ? "  " + _detail : "")}");
    }

    private string Eta()
    {
        var doneNow = _done - _startDone;
        if (doneNow <= 0 || _done >= _total) return _done >= _total ? "0:00" : "?";
        var perUnit = _clock.Elapsed.TotalSeconds / doneNow;
        return Format(TimeSpan.FromSeconds(perUnit * (_total - _done)));
    }

    private static string Format(TimeSpan span) => span.TotalHours >= 1
        ? span.ToString(@"h\:mm\:ss", CultureInfo.InvariantCulture)
        : span.ToString(@"m\:ss", CultureInfo.InvariantCulture);
}
