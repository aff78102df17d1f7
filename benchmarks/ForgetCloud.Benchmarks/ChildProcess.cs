using System.Diagnostics;

namespace ForgetCloud.Benchmarks;

/// <summary>
/// Re-runs this program in a fresh process: peak memory (VmHWM) never goes down, and memory freed by earlier
/// measurements stays mapped in the allocator, so each memory measurement gets a process of its own.
/// </summary>
public static class ChildProcess
{
    /// <summary>Runs this program with <paramref name="args"/> and returns its standard output; throws with its
    /// standard error when it fails.</summary>
    public static string Run(params string[] args)
    {
        var self = Environment.ProcessPath ?? throw new InvalidOperationException("cannot find this program's path");
        var start = new ProcessStartInfo(self) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        // Under `dotnet ForgetCloud.Benchmarks.dll` the process is the host: pass the assembly first.
        if (Path.GetFileNameWithoutExtension(self) == "dotnet") start.ArgumentList.Add(typeof(ChildProcess).Assembly.Location);
        foreach (var arg in args) start.ArgumentList.Add(arg);
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {self}");
        var error = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"child '{string.Join(' ', args)}' exited with {process.ExitCode}: {error.Result}");
        return output;
    }
}
