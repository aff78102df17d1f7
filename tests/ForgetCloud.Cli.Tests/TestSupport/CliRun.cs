namespace ForgetCloud.Cli.Tests.TestSupport;

/// <summary>What one run of <c>forgetcloud</c> printed and returned.</summary>
public sealed record CliRun(int ExitCode, string Output, string Error)
{
    public string[] ErrorLines => Error.Split('\n', StringSplitOptions.RemoveEmptyEntries);

    /// <summary>Asserts the contract for bad input: exit 1, nothing on stdout, exactly one "error: " line, no stack frames.</summary>
    public string AssertOneLineError()
    {
        Assert.True(ExitCode == 1, $"exit code {ExitCode}, stdout: {Output}, stderr: {Error}");
        Assert.Equal("", Output);
        var line = Assert.Single(ErrorLines);
        Assert.StartsWith("error: ", line);
        Assert.DoesNotContain("   at ", Error);
        return line;
    }
}
