using System.Text.RegularExpressions;
using ForgetCloud.AppHost.Tests.Api;
using ForgetCloud.AppHost.Tests.Infrastructure;
using ForgetCloud.AppHost.Tests.Security;
using ForgetCloud.Cli.Remote;

namespace ForgetCloud.AppHost.Tests.Cli;

/// <summary>
/// <c>forgetcloud run</c> and <c>runs ...</c> against an Api that requires a key: <c>--api-key</c> and
/// <c>FORGETCLOUD_API_KEY</c> reach it, and a 401 is one clear error line with exit code 1.
/// </summary>
[Collection(LocalServersCollection.Name)]
public sealed partial class CliApiKeyTests(LocalServersFixture fixture) : IAsyncLifetime
{
    private static readonly TimeSpan Timeout = ApiTestHost.Timeout;
    private ApiTestHost? _host;

    private ApiTestHost Host => _host!;
    private string ApiUrl => Host.Http.BaseAddress!.ToString();
    private static CancellationToken Token => TestContext.Current.CancellationToken;
    private static string SmokeConfig => Path.Combine(RepositoryFiles.Root, "configs", "smoke.yaml");

    public async ValueTask InitializeAsync() => _host = await ApiTestHost.StartAsync(fixture,
        settings: new Dictionary<string, string?> { ["ForgetCloud:Api:Authentication:ApiKeyHashes:0"] = TestKeys.KeyHash });

    public async ValueTask DisposeAsync()
    {
        if (_host is not null)
            await _host.DisposeAsync();
    }

    private static Task<CliResult> Cli(params string[] args) => CliRunner.RunAsync(Timeout, Token, args);

    /// <summary>Runs with FORGETCLOUD_API_KEY set (the tests sharing this process run one at a time in this collection).</summary>
    private static async Task<CliResult> CliWithKeyVariable(string key, params string[] args)
    {
        var before = Environment.GetEnvironmentVariable(ApiOptions.KeyVariable);
        Environment.SetEnvironmentVariable(ApiOptions.KeyVariable, key);
        try
        {
            return await Cli(args);
        }
        finally
        {
            Environment.SetEnvironmentVariable(ApiOptions.KeyVariable, before);
        }
    }

    [Fact]
    public async Task The_api_key_option_reaches_the_api_for_run_and_every_runs_command()
    {
        var submitted = await Cli("run", "--config", SmokeConfig, "--api", ApiUrl, "--api-key", TestKeys.Key, "--detach");
        Assert.True(submitted.ExitCode == 0, submitted.ToString());
        var runId = SubmittedRun().Match(submitted.Output).Groups[1].Value;

        var list = await Cli("runs", "list", "--api", ApiUrl, "--api-key", TestKeys.Key);
        var show = await Cli("runs", "show", runId, "--api", ApiUrl, "--api-key", TestKeys.Key);
        var cancel = await Cli("runs", "cancel", runId, "--api", ApiUrl, "--api-key", TestKeys.Key, "--reason", "done");

        Assert.True(list.ExitCode == 0, list.ToString());
        Assert.Contains(list.OutputLines, l => l.StartsWith(runId + " ", StringComparison.Ordinal));
        Assert.True(show.ExitCode == 0, show.ToString());
        Assert.True(cancel.ExitCode == 0, cancel.ToString());
        Assert.Equal($"run {runId}: Cancelled (done)", cancel.OutputLines.Single());
    }

    [Fact]
    public async Task The_environment_variable_reaches_the_api()
    {
        var submitted = await CliWithKeyVariable(TestKeys.Key, "run", "--config", SmokeConfig, "--api", ApiUrl, "--detach");
        var list = await CliWithKeyVariable(TestKeys.Key, "runs", "list", "--api", ApiUrl);

        Assert.True(submitted.ExitCode == 0, submitted.ToString());
        Assert.True(list.ExitCode == 0, list.ToString());
        Assert.Contains(list.OutputLines, l => l.StartsWith(SubmittedRun().Match(submitted.Output).Groups[1].Value + " ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Without_a_key_each_command_is_one_error_line_naming_the_option_and_the_variable()
    {
        foreach (var args in (string[][])[["run", "--config", SmokeConfig, "--api", ApiUrl, "--detach"], ["runs", "list", "--api", ApiUrl], ["runs", "show", "20990101-000000-deadbeef", "--api", ApiUrl]])
        {
            var result = await Cli(args);

            Assert.True(result.ExitCode == 1, result.ToString());
            Assert.Equal(["error: the Api requires an API key (401 Unauthorized); give it with --api-key KEY or the FORGETCLOUD_API_KEY environment variable"], result.ErrorLines);
        }
    }

    [Fact]
    public async Task A_wrong_key_is_one_error_line_and_no_stack_trace()
    {
        var option = await Cli("runs", "list", "--api", ApiUrl, "--api-key", "not-the-key");
        var variable = await CliWithKeyVariable("not-the-key", "runs", "list", "--api", ApiUrl);

        foreach (var result in new[] { option, variable })
        {
            Assert.True(result.ExitCode == 1, result.ToString());
            var line = Assert.Single(result.ErrorLines);
            Assert.StartsWith("error: the Api refused the API key (401 Unauthorized: Invalid credentials)", line, StringComparison.Ordinal);
            Assert.DoesNotContain("   at ", result.Error, StringComparison.Ordinal);
        }
    }

    [GeneratedRegex(@"submitted run (\S+) ")]
    private static partial Regex SubmittedRun();
}
