namespace ForgetCloud.Learning.Tests.Data;

/// <summary>
/// The read-only copy of the original datasets: `shared/data` beside the repository's clone (the team's machines and
/// CI lay it out so), or FORGETCLOUD_DATA_DIR. Never copied into the repository.
/// </summary>
internal static class SharedData
{
    public static string Root
    {
        get
        {
            var fromEnvironment = Environment.GetEnvironmentVariable("FORGETCLOUD_DATA_DIR");
            var root = string.IsNullOrEmpty(fromEnvironment)
                ? Path.Combine(RepositoryRoot(), "..", "shared", "data")
                : fromEnvironment;
            if (!Directory.Exists(root))
            {
                throw new DirectoryNotFoundException(
                    $"dataset directory {Path.GetFullPath(root)} not found; set FORGETCLOUD_DATA_DIR to a directory with gsm8k/ and aqua_rat/");
            }

            return Path.GetFullPath(root);
        }
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "ForgetCloud.slnx")))
                return dir.FullName;
        }

        throw new DirectoryNotFoundException($"no ForgetCloud.slnx above {AppContext.BaseDirectory}");
    }
}
