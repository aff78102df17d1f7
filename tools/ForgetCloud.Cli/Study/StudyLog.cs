using System.Globalization;

namespace ForgetCloud.Cli.Study;

/// <summary>
/// <c>logs/training.log</c>: timestamped lines, appended (a resumed study continues the same log) and flushed line by
/// line. Each line also goes to the console: through the progress display, which keeps its bar below the lines.
/// </summary>
internal sealed class StudyLog : IDisposable
{
    private readonly StreamWriter _file;
    private readonly ProgressDisplay _console;
    private readonly Lock _gate = new();

    public StudyLog(string path, ProgressDisplay console)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        _file = new StreamWriter(path, append: true) { AutoFlush = true, NewLine = "\n" };
        _console = console;
    }

    public void Info(string message) => Write("INFO", message);

    public void Warning(string message) => Write("WARN", message);

    public void Error(string message) => Write("ERROR", message);

    /// <summary>The file only: what helps whoever debugs (a stack trace) but would bury the console.</summary>
    public void Detail(string message) => Write("DEBUG", message, console: false);

    private void Write(string level, string message, bool console = true)
    {
        var line = string.Create(CultureInfo.InvariantCulture, $"{DateTimeOffset.Now:yyyy-MM-dd HH:mm:ss.fff zzz} {level,-5} {message}");
        lock (_gate)
        {
            _file.WriteLine(line);
            if (console) _console.Line(message);
        }
    }

    public void Dispose() => _file.Dispose();
}
