namespace ForgetCloud.AppHost.Tests.Deployment;

/// <summary>infra/ compiles and lints with the real bicep CLI, offline, without a single warning.</summary>
public sealed class BicepTests
{
    public static TheoryData<string> BicepFiles() =>
        [.. Directory.GetFiles(RepositoryFiles.Path("infra"), "*.bicep", SearchOption.AllDirectories)
            .Where(f => !f.Contains("node_modules", StringComparison.Ordinal))
            .Select(f => System.IO.Path.GetRelativePath(RepositoryFiles.RepositoryRoot, f))
            .Order(StringComparer.Ordinal)];

    [Theory]
    [MemberData(nameof(BicepFiles))]
    public async Task Each_file_lints_clean(string file)
    {
        var lint = await BicepCli.RunAsync("lint", RepositoryFiles.Path(file));

        Assert.True(lint.ExitCode == 0 && lint.Error.Trim().Length == 0 && lint.Output.Trim().Length == 0,
            $"bicep lint {file}: exit {lint.ExitCode}\n{lint.Output}{lint.Error}");
    }

    [Fact]
    public async Task Main_builds_to_an_arm_template_without_warnings()
    {
        var build = await BicepCli.RunAsync("build", BicepCli.MainFile, "--stdout");

        Assert.True(build.ExitCode == 0 && build.Error.Trim().Length == 0, $"bicep build: exit {build.ExitCode}\n{build.Error}");
        Assert.Contains("\"$schema\": \"https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#\"", build.Output, StringComparison.Ordinal);
    }
}
