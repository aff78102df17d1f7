namespace ForgetCloud.AppHost.Tests.Deployment;

/// <summary>The repository (the folder holding ForgetCloud.slnx) above the test's output folder.</summary>
public static class RepositoryFiles
{
    private static readonly Lazy<string> Root = new(() =>
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "ForgetCloud.slnx"))) return dir.FullName;
        }
        throw new DirectoryNotFoundException($"no ForgetCloud.slnx above {AppContext.BaseDirectory}");
    });

    public static string RepositoryRoot => Root.Value;

    public static string Path(params string[] parts) => System.IO.Path.Combine([RepositoryRoot, .. parts]);
}
