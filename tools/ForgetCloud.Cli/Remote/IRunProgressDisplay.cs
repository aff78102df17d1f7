using ForgetCloud.Contracts.Api;

namespace ForgetCloud.Cli.Remote;

/// <summary>How a followed run's events are shown: a redrawn bar on a terminal, log lines otherwise.</summary>
public interface IRunProgressDisplay
{
    void Show(RunEvent runEvent);

    /// <summary>A message between events (reconnecting, ...).</summary>
    void Note(string message);

    /// <summary>Ends the display (the bar's line is closed).</summary>
    void Finish();

    /// <summary>The bar on a terminal, log lines when <paramref name="output"/> is redirected or not the console.</summary>
    public static IRunProgressDisplay For(TextWriter output) =>
        ReferenceEquals(output, Console.Out) && !Console.IsOutputRedirected
            ? new ProgressBarDisplay(output, () => Console.WindowWidth, TimeProvider.System)
            : new ProgressLogDisplay(output);
}
