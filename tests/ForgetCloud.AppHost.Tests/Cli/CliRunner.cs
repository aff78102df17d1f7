using ForgetCloud.Downloads;
using ForgetCloud.Cli;
using ForgetCloud.Learning.Modeling;

namespace ForgetCloud.AppHost.Tests.Cli;

/// <summary>What one in-process run of <c>forgetcloud</c> printed and returned.</summary>
public sealed record CliResult(int ExitCode, string Output, string Error)
{
    public string[] ErrorLines => Error.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    public string[] OutputLines => Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    public override string ToString() => $"exit {ExitCode}\nstdout:\n{Output}\nstderr:\n{Error}";
}

/// <summary>Runs the real <c>forgetcloud</c> command tree in-process with captured output, bounded by a timeout.</summary>
public static class CliRunner
{
    public static async Task<CliResult> RunAsync(TimeSpan timeout, CancellationToken cancel, params string[] args)
    {
        // The writers are synchronized: the follower writes from continuations while the test may read.
        using var output = new StringWriter();
        using var error = new StringWriter();
        var services = new CliServices(TextWriter.Synchronized(output), TextWriter.Synchronized(error),
            () => new HubDownloader(new HttpClient(), new Uri("http://127.0.0.1:1/"), Path.GetTempPath(), token: null), ShowStackTraces: false);
        var code = await ForgetCloudCli.RunAsync(args, services, cancel).WaitAsync(timeout, cancel);
        return new CliResult(code, output.ToString(), error.ToString());
    }
}
