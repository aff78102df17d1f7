using System.Diagnostics;
using ForgetCloud.Cli.Tests.TestSupport;

namespace ForgetCloud.Cli.Tests.Process;

/// <summary>
/// Starts the built <c>forgetcloud</c> apphost as a child process from a foreign working directory: proves it runs
/// from its own output folder (runtime config, dependencies, the patched libLibTorchSharp.so and libtorch).
/// </summary>
public sealed class ExecutableTests
{
    [Fact]
    public async Task Score_json_from_the_executable_equals_the_in_process_run()
    {
        var child = await RunExecutableAsync(["score", "--model", "smoke", "--text", "hi there", "--json"]);
        var inProcess = await InProcessCli.RunAsync("score", "--model", "smoke", "--text", "hi there", "--json");

        Assert.True(child.ExitCode == 0, child.Error);
        Assert.Equal("", child.Error);
        Assert.Equal(inProcess.Output, child.Output);
    }

    [Fact]
    public async Task Bad_input_gives_one_line_and_exit_code_1()
    {
        var child = await RunExecutableAsync(["score", "--model", "smok", "--text", "hi"]);
        Assert.Contains("did you mean 'smoke'?", child.AssertOneLineError());
    }

    [Fact]
    public async Task Parse_errors_are_one_line_too()
    {
        var child = await RunExecutableAsync(["score", "--text", "hi", "--model"]);
        Assert.Contains("Required argument missing for option: '--model'", child.AssertOneLineError());
    }

    [Fact]
    public async Task Unreachable_hub_from_the_environment_names_the_id()
    {
        using var cache = new TempDirectory();
        var child = await RunExecutableAsync(["score", "--model", "someone/some-model", "--text", "hi"],
            new() { ["HF_ENDPOINT"] = InProcessCli.UnreachableHub.ToString(), ["FORGETCLOUD_CACHE"] = cache.Path });
        var line = child.AssertOneLineError();
        Assert.Contains("'someone/some-model'", line);
        Assert.Contains("cannot reach", line);
    }

    [Fact]
    public async Task Unreachable_api_from_the_environment_names_its_url()
    {
        var child = await RunExecutableAsync(["runs", "list"], new() { ["FORGETCLOUD_API"] = "http://127.0.0.1:1/forgetcloud" });
        Assert.Equal("error: cannot reach the ForgetCloud Api at http://127.0.0.1:1/forgetcloud: Connection refused", child.AssertOneLineError());
    }

    [Fact]
    public async Task Debug_variable_adds_the_stack_trace()
    {
        var child = await RunExecutableAsync(["score", "--model", "smoke", "--token-ids", "1,2,999"], new() { ["FORGETCLOUD_DEBUG"] = "1" });
        Assert.Equal(1, child.ExitCode);
        Assert.StartsWith("error: --token-ids element 3 (999)", child.ErrorLines[0]);
        Assert.Contains("   at ", child.Error);
    }

    private static async Task<CliRun> RunExecutableAsync(string[] args, Dictionary<string, string>? environment = null)
    {
        using var workingDirectory = new TempDirectory();
        var start = new ProcessStartInfo(RepositoryPaths.CliExecutable)
        {
            WorkingDirectory = workingDirectory.Path,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in args) start.ArgumentList.Add(arg);
        start.Environment.Remove("FORGETCLOUD_DEBUG");
        foreach (var (key, value) in environment ?? []) start.Environment[key] = value;

        using var process = System.Diagnostics.Process.Start(start)!;
        var cancel = TestContext.Current.CancellationToken;
        var output = process.StandardOutput.ReadToEndAsync(cancel);
        var error = process.StandardError.ReadToEndAsync(cancel);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancel);
        timeout.CancelAfter(TimeSpan.FromSeconds(60));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }
        return new CliRun(process.ExitCode, await output, await error);
    }
}
