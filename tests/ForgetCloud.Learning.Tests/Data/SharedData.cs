namespace ForgetCloud.Learning.Tests.Data;

/// <summary>The read-only copy of the original datasets on the team's machines and in CI.</summary>
internal static class SharedData
{
    public static string Root
    {
        get
        {
            var fromEnvironment = Environment.GetEnvironmentVariable("FORGETCLOUD_DATA_DIR");
            var root = string.IsNullOrEmpty(fromEnvironment) ? "/work/shared/data" : fromEnvironment;
            if (!Directory.Exists(root))
            {
                throw new DirectoryNotFoundException(
                    $"dataset directory {root} not found; set FORGETCLOUD_DATA_DIR to a directory with gsm8k/ and aqua_rat/");
            }

            return root;
        }
    }
}
