namespace ForgetCloud.AppHost.Infrastructure;

/// <summary>
/// Where <c>ForgetCloud:LocalDataDirectory</c> (or <c>FORGETCLOUD_DATA_DIR</c>) points. A relative value is read
/// as the user wrote it: against the directory they ran <c>dotnet run</c> from (the shell's <c>PWD</c>), not the
/// AppHost process's working directory (which <c>dotnet run --project</c> may set to <c>ForgetCloud.AppHost/</c>);
/// without a <c>PWD</c>, against the repository root, where the README's commands run.
/// </summary>
public static class LocalDataDirectory
{
    /// <param name="value">The setting as given.</param>
    /// <param name="invocationDirectory">The shell's working directory (<c>PWD</c>); ignored unless absolute.</param>
    /// <param name="repositoryRoot">The directory above the AppHost's project directory.</param>
    public static string Resolve(string value, string? invocationDirectory, string repositoryRoot)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(value);
        if (Path.IsPathFullyQualified(value))
            return Path.GetFullPath(value);
        var baseDirectory = invocationDirectory is { Length: > 0 } && Path.IsPathFullyQualified(invocationDirectory)
            ? invocationDirectory
            : repositoryRoot;
        return Path.GetFullPath(Path.Combine(baseDirectory, value));
    }
}
