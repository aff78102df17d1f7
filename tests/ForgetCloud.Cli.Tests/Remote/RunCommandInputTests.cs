using ForgetCloud.Cli.Tests.TestSupport;

namespace ForgetCloud.Cli.Tests.Remote;

/// <summary><c>run</c> and <c>runs</c> input problems: one line each, found before (or without) any server.</summary>
public sealed class RunCommandInputTests
{
    private const string Unreachable = "http://127.0.0.1:1";

    [Theory]
    [InlineData("runs", "list")]
    [InlineData("runs", "show", "abc")]
    [InlineData("runs", "cancel", "abc")]
    [InlineData("runs", "export", "abc", "--output-dir", "out")]
    public async Task An_unreachable_api_is_one_line_naming_the_url(params string[] args)
    {
        var run = await InProcessCli.RunAsync([.. args, "--api", Unreachable]);
        Assert.Equal("error: cannot reach the ForgetCloud Api at http://127.0.0.1:1/: Connection refused", run.AssertOneLineError());
    }

    [Fact]
    public async Task Run_with_an_unreachable_api_is_one_line_too()
    {
        var run = await InProcessCli.RunAsync("run", "--config", Path.Combine(RepositoryPaths.RepositoryRoot, "configs", "smoke.yaml"), "--api", Unreachable, "--detach");
        Assert.Equal("error: cannot reach the ForgetCloud Api at http://127.0.0.1:1/: Connection refused", run.AssertOneLineError());
    }

    [Fact]
    public async Task Contradictory_flags_are_reported_each_on_its_line_before_contacting_the_api()
    {
        var run = await InProcessCli.RunAsync("run", "--config", "whatever.yaml", "--compare-optimizers", "--optimizer", "muon", "--seeds", "0", "--api", Unreachable);
        Assert.Equal(1, run.ExitCode);
        Assert.Equal(["error: --optimizer: cannot be combined with --compare-optimizers, which runs both adamw and muon", "error: --seeds: must be >= 1 (got 0)"], run.ErrorLines);
    }

    [Fact]
    public async Task A_missing_config_file_is_named()
    {
        using var dir = new TempDirectory();
        var path = Path.Combine(dir.Path, "missing.yaml");
        var run = await InProcessCli.RunAsync("run", "--config", path, "--api", Unreachable, "--detach");
        Assert.Equal($"error: config file not found: {path}", run.AssertOneLineError());
    }

    [Fact]
    public async Task No_api_url_anywhere_says_how_to_give_one()
    {
        // The variable may be set where the tests run; the option is then what matters, so only check when it is not.
        Assert.SkipWhen(Environment.GetEnvironmentVariable("FORGETCLOUD_API") is not null, "FORGETCLOUD_API is set here");
        var run = await InProcessCli.RunAsync("runs", "list");
        Assert.Equal("error: give the Api's URL with --api URL or the FORGETCLOUD_API environment variable (e.g. http://localhost:5080)", run.AssertOneLineError());
    }

    [Fact]
    public async Task A_url_that_is_not_http_is_refused()
    {
        var run = await InProcessCli.RunAsync("runs", "list", "--api", "ftp://host");
        Assert.Equal("error: --api 'ftp://host' is not an http:// or https:// URL", run.AssertOneLineError());
    }

    [Fact]
    public async Task A_blank_api_key_is_refused_before_contacting_the_api()
    {
        var run = await InProcessCli.RunAsync("runs", "list", "--api", Unreachable, "--api-key", "  ");
        Assert.Equal("error: --api-key is empty; give the Api's key or leave it out for an Api without authentication", run.AssertOneLineError());
    }

    [Fact]
    public async Task A_mistyped_runs_subcommand_gets_a_suggestion()
    {
        var run = await InProcessCli.RunAsync("runs", "lst");
        Assert.Equal("error: unknown runs command 'lst'; did you mean 'list'? (available: list, show, cancel, export)", run.AssertOneLineError());
    }
}
