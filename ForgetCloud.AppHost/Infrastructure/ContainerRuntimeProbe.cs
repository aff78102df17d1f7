using System.Diagnostics;

namespace ForgetCloud.AppHost.Infrastructure;

/// <summary>Asks the container runtime Aspire would use whether its engine answers.</summary>
public static class ContainerRuntimeProbe
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);

    /// <summary>
    /// True when <c>{runtime} info</c> exits 0 within 5 s. A docker CLI without an engine fails here, which is the
    /// case that matters: Aspire would otherwise wait forever for containers that never start.
    /// </summary>
    public static bool IsAvailable(out string runtime)
    {
        // Aspire itself picks podman through this variable; probe the same one.
        runtime = Environment.GetEnvironmentVariable("ASPIRE_CONTAINER_RUNTIME") is { Length: > 0 } configured ? configured : "docker";
        if (ExecutableLocator.FindOnPath(runtime) is not { } path)
        {
            return false;
        }
        var start = new ProcessStartInfo(path, "info")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        try
        {
            using var process = Process.Start(start);
            if (process is null)
            {
                return false;
            }
            // Drain both pipes so a chatty `info` cannot block on a full buffer before exiting.
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(Timeout))
            {
                process.Kill(entireProcessTree: true);
                return false;
            }
            Task.WaitAll(stdout, stderr);
            return process.ExitCode == 0;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false;
        }
    }
}
