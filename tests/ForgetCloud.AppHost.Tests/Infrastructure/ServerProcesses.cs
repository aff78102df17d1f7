namespace ForgetCloud.AppHost.Tests.Infrastructure;

/// <summary>Finds live processes by working directory through /proc (the AppHost starts each server in its data folder).</summary>
public static class ServerProcesses
{
    public sealed record Found(int Pid, string CommandLine, string WorkingDirectory);

    public static IReadOnlyList<Found> StartedIn(string directory)
    {
        var prefix = Path.GetFullPath(directory).TrimEnd('/') + "/";
        var found = new List<Found>();
        foreach (var entry in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(entry), out var pid))
            {
                continue;
            }
            try
            {
                var cwd = new DirectoryInfo(Path.Combine(entry, "cwd")).LinkTarget;
                // A zombie has exited already: its cwd link is unreadable and it holds no port or file.
                if (cwd is null || !(cwd + "/").StartsWith(prefix, StringComparison.Ordinal))
                {
                    continue;
                }
                var commandLine = File.ReadAllText(Path.Combine(entry, "cmdline")).Replace('\0', ' ').Trim();
                found.Add(new Found(pid, commandLine, cwd));
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // The process exited while we looked.
            }
        }
        return found;
    }
}
