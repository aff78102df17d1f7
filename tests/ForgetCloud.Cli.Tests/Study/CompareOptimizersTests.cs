using System.Text.Json;
using ForgetCloud.Cli.Tests.TestSupport;

namespace ForgetCloud.Cli.Tests.Study;

[Collection(nameof(StudyCollection))]
public sealed class CompareOptimizersTests
{
    [Fact]
    public async Task Comparing_optimizers_runs_two_arms_in_their_own_subfolders_and_plots_the_comparison()
    {
        using var temp = new TempDirectory();
        var config = StudyFixture.WriteSmokeConfig(temp.Path, small: true);
        var output = temp.Sub("out");

        var run = await InProcessCli.RunAsync("study", "--config", config, "--output-dir", output, "--compare-optimizers");

        Assert.True(run.ExitCode == 0, run.Error + run.Output);
        Assert.True(File.Exists(Path.Combine(output, "logs", "optimizer_comparison.png")));
        foreach (var arm in new[] { "adamw", "muon" })
        {
            Assert.True(Directory.Exists(Path.Combine(output, "checkpoints", arm, "stage2_checkpoint_epoch_1_step_8")), $"{arm} stage 2 final checkpoint");
            Assert.True(File.Exists(Path.Combine(output, "logs", arm, "gsm8k_stage2.jsonl")));
            Assert.NotEmpty(Directory.GetFiles(Path.Combine(output, "tensorboard_logs", arm, "eval"), "events.out.tfevents.*"));
        }

        using var final = JsonDocument.Parse(File.ReadAllText(Path.Combine(output, "logs", "final_results.json")));
        Assert.Equal(["adamw", "muon"], final.RootElement.GetProperty("arms").EnumerateArray().Select(a => a.GetProperty("optimizer").GetString()));
        var comparison = Assert.Single(final.RootElement.GetProperty("comparisons").EnumerateArray());
        Assert.Equal(6, comparison.GetProperty("mc_nemar").GetArrayLength()); // 3 stages x 2 tasks
        // Both arms start from the same base model: it is evaluated once, and the second arm gets a copy of the records.
        Assert.Contains("muon evaluation base: the base model is every arm's; adamw's evaluation of it is reused", run.Output);
        foreach (var records in new[] { "gsm8k_stage0.jsonl", "aqua_rat_stage0.jsonl" })
            Assert.Equal(File.ReadAllBytes(Path.Combine(output, "logs", "adamw", records)), File.ReadAllBytes(Path.Combine(output, "logs", "muon", records)));
        // Its evaluation is identical, so McNemar at stage 0 finds no discordant pair.
        Assert.All(comparison.GetProperty("mc_nemar").EnumerateArray().Where(m => m.GetProperty("stage").GetInt32() == 0),
            m => Assert.Equal(0, m.GetProperty("result").GetProperty("discordant").GetInt32()));
    }
}
