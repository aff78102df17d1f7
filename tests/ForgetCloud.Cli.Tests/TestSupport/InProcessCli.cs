using ForgetCloud.Downloads;
using ForgetCloud.Learning.Modeling;

namespace ForgetCloud.Cli.Tests.TestSupport;

/// <summary>
/// Runs the real command tree in-process with captured writers. The hub downloader points at a closed local port and
/// a throw-away cache, so no test can reach the network or the user's cache.
/// </summary>
public static class InProcessCli
{
    public static readonly Uri UnreachableHub = new("http://127.0.0.1:1/");

    public static async Task<CliRun> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var cache = Path.Combine(Path.GetTempPath(), "forgetcloud-cli-tests", Guid.NewGuid().ToString("N"));
        var services = new CliServices(output, error, () => new HubDownloader(new HttpClient(), UnreachableHub, cache, token: null), ShowStackTraces: false);
        try
        {
            var code = await ForgetCloudCli.RunAsync(args, services, TestContext.Current.CancellationToken);
            return new CliRun(code, output.ToString(), error.ToString());
        }
        finally
        {
            if (Directory.Exists(cache)) Directory.Delete(cache, recursive: true);
        }
    }
}
