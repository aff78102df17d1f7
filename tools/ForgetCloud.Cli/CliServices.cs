using ForgetCloud.Downloads;
using ForgetCloud.Learning.Modeling;

namespace ForgetCloud.Cli;

/// <summary>
/// What a command may touch outside its arguments: the output streams, the hub downloader and the debug switch.
/// Tests pass their own writers and a downloader pointed at a fake or unreachable hub.
/// </summary>
public sealed record CliServices(TextWriter Output, TextWriter Error, Func<HubDownloader> Hub, bool ShowStackTraces)
{
    /// <summary>Environment variable that, set to 1, prints the stack trace after the one-line error.</summary>
    public const string DebugVariable = "FORGETCLOUD_DEBUG";

    /// <summary>True when <see cref="Output"/> is an interactive terminal: progress bars are redrawn in place;
    /// otherwise (redirected, tests) commands print plain lines.</summary>
    public bool OutputIsTerminal { get; init; }

    public static CliServices FromEnvironment() => new(
        Console.Out,
        Console.Error,
        () => HubDownloader.FromEnvironment(),
        Environment.GetEnvironmentVariable(DebugVariable) == "1")
    {
        OutputIsTerminal = !Console.IsOutputRedirected,
    };
}
