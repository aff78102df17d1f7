using System.Diagnostics;

namespace ForgetCloud.AppHost.Tests.Deployment;

/// <summary>A tool run to completion (bicep, dockerfilelint): exit code and both streams, killed when it overruns.</summary>
public sealed record ChildProcess(int ExitCode, string Output, string Error)
{
    public static async Task<ChildProcess> RunAsync(string program, IEnumerable<string> args, TimeSpan timeout, string? workingDirectory = null)
    {
        var start = new ProcessStartInfo(program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? RepositoryFiles.RepositoryRoot,
        };
        foreach (var arg in args) start.ArgumentList.Add(arg);
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{program} did not start");
        var cancel = TestContext.Current.CancellationToken;
        var output = process.StandardOutput.ReadToEndAsync(cancel);
        var error = process.StandardError.ReadToEndAsync(cancel);
        try
        {
            await process.WaitForExitAsync(cancel).WaitAsync(timeout, cancel);
        }
        catch (Exception e) when (e is TimeoutException or OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }
        return new ChildProcess(process.ExitCode, await output, await error);
    }
}
