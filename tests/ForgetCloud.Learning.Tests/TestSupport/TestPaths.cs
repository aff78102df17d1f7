namespace ForgetCloud.Learning.Tests.TestSupport;

/// <summary>
/// Where tests find the repository and the read-only datasets: `shared/data` beside the repository's clone (the team's
/// machines and CI lay it out so), or FORGETCLOUD_DATA_DIR. The data is never copied into the repository.
/// </summary>
internal static class TestPaths
{
    private static readonly Lazy<string> Repository = new(FindRepositoryRoot);

    public static string RepositoryRoot => Repository.Value;

    public static string SharedData
    {
        get
        {
            var fromEnvironment = Environment.GetEnvironmentVariable("FORGETCLOUD_DATA_DIR");
            var root = Path.GetFullPath(string.IsNullOrEmpty(fromEnvironment)
                ? Path.Combine(RepositoryRoot, "..", "shared", "data")
                : fromEnvironment);
            if (!File.Exists(Path.Combine(root, "gsm8k", "test.jsonl")))
            {
                Assert.Fail($"dataset directory {root} has no gsm8k/test.jsonl; set FORGETCLOUD_DATA_DIR to a directory with gsm8k/ and aqua_rat/");
            }

            return root;
        }
    }

    private static string FindRepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "ForgetCloud.slnx")))
                return dir.FullName;
        }

        throw new DirectoryNotFoundException($"no ForgetCloud.slnx above {AppContext.BaseDirectory}");
    }
}
