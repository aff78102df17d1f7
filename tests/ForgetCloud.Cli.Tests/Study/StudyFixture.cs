using ForgetCloud.Cli.Tests.TestSupport;

namespace ForgetCloud.Cli.Tests.Study;

/// <summary>Configs for study tests: the shipped smoke config with data.local_dir pointing at the shared datasets
/// (FORGETCLOUD_DATA_DIR, or shared/data beside the repository), optionally shrunk further.</summary>
internal static class StudyFixture
{
    public static string DataDirectory
    {
        get
        {
            var fromEnvironment = Environment.GetEnvironmentVariable("FORGETCLOUD_DATA_DIR");
            var root = Path.GetFullPath(string.IsNullOrEmpty(fromEnvironment)
                ? Path.Combine(RepositoryPaths.RepositoryRoot, "..", "shared", "data")
                : fromEnvironment);
            if (!File.Exists(Path.Combine(root, "gsm8k", "test.jsonl")))
                Assert.Fail($"dataset directory {root} has no gsm8k/test.jsonl; set FORGETCLOUD_DATA_DIR to a directory with gsm8k/ and aqua_rat/");
            return root;
        }
    }

    /// <summary>configs/smoke.yaml as is, except data.local_dir; <paramref name="small"/> shrinks both stages to 16
    /// examples (8 steps with checkpoints every 4) and the test sets to 8 items, for the tests that run several studies.</summary>
    public static string WriteSmokeConfig(string directory, bool small = false)
    {
        var text = File.ReadAllText(Path.Combine(RepositoryPaths.RepositoryRoot, "configs", "smoke.yaml"))
            .Replace("local_dir: ../../shared/data", $"local_dir: {DataDirectory}", StringComparison.Ordinal);
        Assert.Contains(DataDirectory, text, StringComparison.Ordinal);
        if (small)
        {
            text = Replace(text, "max_examples: 32", "max_examples: 16");
            text = Replace(text, "epochs: 3 ", "epochs: 2 ");
            text = Replace(text, "epochs: 3\n", "epochs: 2\n");
            text = Replace(text, "max_examples: { gsm8k: 16, aqua_rat: 16 }", "max_examples: { gsm8k: 8, aqua_rat: 8 }");
            text = Replace(text, "save_interval: 8 ", "save_interval: 4 ");
            text = Replace(text, "max_new_tokens: 32", "max_new_tokens: 8");
        }

        var path = Path.Combine(directory, small ? "smoke-small.yaml" : "smoke.yaml");
        File.WriteAllText(path, text);
        return path;
    }

    private static string Replace(string text, string from, string to)
    {
        Assert.Contains(from, text, StringComparison.Ordinal);
        return text.Replace(from, to, StringComparison.Ordinal);
    }
}
