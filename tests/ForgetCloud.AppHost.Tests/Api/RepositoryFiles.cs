namespace ForgetCloud.AppHost.Tests.Api;

/// <summary>Files of the repository (the shipped configs), found from the test's output directory.</summary>
public static class RepositoryFiles
{
    public static string Root { get; } = FindRoot();

    public static string SmokeConfigYaml => File.ReadAllText(Path.Combine(Root, "configs", "smoke.yaml"));

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "ForgetCloud.slnx")))
                return dir.FullName;
        }
        throw new InvalidOperationException($"No ForgetCloud.slnx above {AppContext.BaseDirectory}.");
    }
}
