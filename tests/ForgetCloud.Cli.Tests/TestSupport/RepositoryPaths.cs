namespace ForgetCloud.Cli.Tests.TestSupport;

/// <summary>Finds the repository (the folder holding ForgetCloud.slnx) above the test's output folder.</summary>
public static class RepositoryPaths
{
    private static readonly Lazy<string> Root = new(() =>
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "ForgetCloud.slnx"))) return dir.FullName;
        }
        throw new DirectoryNotFoundException($"no ForgetCloud.slnx above {AppContext.BaseDirectory}");
    });

    public static string RepositoryRoot => Root.Value;

    /// <summary>The CLI's apphost in its own build output: the same bin/{configuration}/{tfm} as these tests (the project
    /// reference builds it first).</summary>
    public static string CliExecutable
    {
        get
        {
            var testProject = Path.Combine(RepositoryRoot, "tests", "ForgetCloud.Cli.Tests");
            var outputFolder = Path.GetRelativePath(testProject, AppContext.BaseDirectory);
            var name = OperatingSystem.IsWindows() ? "forgetcloud.exe" : "forgetcloud";
            var path = Path.GetFullPath(Path.Combine(RepositoryRoot, "tools", "ForgetCloud.Cli", outputFolder, name));
            return File.Exists(path) ? path : throw new FileNotFoundException($"the CLI is not built at {path}");
        }
    }
}
