using ForgetCloud.Contracts.Configuration;

namespace ForgetCloud.Contracts.Tests.Configuration;

/// <summary>Helpers: load snippets without touching the file system, find the repository.</summary>
internal static class ConfigText
{
    public static readonly StudyConfigLoadOptions NoPathChecks = new() { CheckPaths = false, BaseDirectory = "/base" };

    public static StudyConfigLoadResult Yaml(string yaml, StudyConfigLoadOptions? options = null) =>
        StudyConfigLoader.LoadText(yaml, ConfigFormat.Yaml, options ?? NoPathChecks);

    public static StudyConfig Valid(string yaml, StudyConfigLoadOptions? options = null)
    {
        var result = Yaml(yaml, options);
        Assert.True(result.Succeeded, string.Join("\n", result.Errors));
        return result.Config!;
    }

    /// <summary>The single error of a snippet expected to have exactly one.</summary>
    public static ConfigError SingleError(string yaml, StudyConfigLoadOptions? options = null)
    {
        var result = Yaml(yaml, options);
        Assert.False(result.Succeeded);
        Assert.Null(result.Config);
        return Assert.Single(result.Errors);
    }

    public static string RepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "ForgetCloud.slnx"))) return dir.FullName;
        throw new InvalidOperationException("ForgetCloud.slnx not found above " + AppContext.BaseDirectory);
    }
}
