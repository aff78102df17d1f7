using ForgetCloud.Cli.Tests.TestSupport;

namespace ForgetCloud.Cli.Tests.Study;

public sealed class StudyCommandErrorTests
{
    [Theory]
    [InlineData("--optimizer", "sgd", "--optimizer: unknown optimizer 'sgd' (use adamw or muon)")]
    [InlineData("--seeds", "0", "--seeds: must be >= 1 (got 0)")]
    [InlineData("--resume-stage1", "/nonexistent/checkpoint", "--resume-stage1: checkpoint directory '/nonexistent/checkpoint' does not exist")]
    public async Task A_bad_flag_is_one_line_naming_it(string flag, string value, string expected)
    {
        using var temp = new TempDirectory();
        var config = StudyFixture.WriteSmokeConfig(temp.Path, small: true);
        var run = await InProcessCli.RunAsync("study", "--config", config, "--output-dir", temp.Sub("out"), flag, value);
        Assert.Equal($"error: {expected}", run.AssertOneLineError());
        Assert.False(Directory.Exists(temp.Sub("out")), "nothing is written for a bad command line");
    }

    [Fact]
    public async Task Contradicting_flags_are_all_reported_on_one_line()
    {
        var run = await InProcessCli.RunAsync("study", "--compare-optimizers", "--optimizer", "muon", "--seeds", "0");
        var line = run.AssertOneLineError();
        Assert.Contains("--optimizer: cannot be combined with --compare-optimizers", line, StringComparison.Ordinal);
        Assert.Contains("; --seeds: must be >= 1 (got 0)", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_bad_config_lists_every_error_on_one_line()
    {
        using var temp = new TempDirectory();
        var config = StudyFixture.WriteSmokeConfig(temp.Path, small: true);
        var text = File.ReadAllText(config).Replace("learning_rate: 1.0e-3", "learning_rate: -1", StringComparison.Ordinal)
            .Replace("batch_size: 16", "batch_size: 0", StringComparison.Ordinal);
        File.WriteAllText(config, text);
        var run = await InProcessCli.RunAsync("study", "--config", config);
        var line = run.AssertOneLineError();
        Assert.StartsWith("error: invalid config (3 errors): ", line, StringComparison.Ordinal);
        Assert.Contains("training.stage1.learning_rate", line, StringComparison.Ordinal);
        Assert.Contains("training.stage2.learning_rate", line, StringComparison.Ordinal);
        Assert.Contains("evaluation.batch_size", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_config_file_is_one_line()
    {
        var run = await InProcessCli.RunAsync("study", "--config", "/nonexistent/study.yaml");
        Assert.Equal("error: invalid config: /nonexistent/study.yaml: config file not found: /nonexistent/study.yaml", run.AssertOneLineError());
    }
}
