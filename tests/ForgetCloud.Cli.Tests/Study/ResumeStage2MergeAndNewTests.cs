using System.Text.Json;
using ForgetCloud.Cli.Tests.TestSupport;

namespace ForgetCloud.Cli.Tests.Study;

/// <summary>
/// LoRA merge_and_new builds stage 2 on the base with stage 1's adapters merged in, so --resume-stage2 alone must
/// bring stage 1's final checkpoint along, or be refused before any work.
/// </summary>
[Collection(nameof(StudyCollection))]
public sealed class ResumeStage2MergeAndNewTests
{
    [Fact]
    public async Task Resuming_stage_two_uses_the_finished_stage_one_beside_it_and_reproduces_the_uninterrupted_run()
    {
        using var temp = new TempDirectory();
        var config = MergeAndNewConfig(temp.Path);
        var whole = temp.Sub("whole");
        var run = await InProcessCli.RunAsync("study", "--config", config, "--output-dir", whole);
        Assert.True(run.ExitCode == 0, run.Error + run.Output);

        // small smoke: 8 steps a stage, checkpoints at 4 and 8. Keep stage 1 and stage 2's step 4 only, so stage 2 must train on.
        var kept = temp.Sub("kept");
        foreach (var name in new[] { "stage1_checkpoint_epoch_1_step_8", "stage2_checkpoint_epoch_0_step_4" })
            CopyDirectory(Path.Combine(whole, "checkpoints", name), Path.Combine(kept, name));

        var resumed = temp.Sub("resumed");
        run = await InProcessCli.RunAsync("study", "--config", config, "--output-dir", resumed,
            "--resume-stage2", Path.Combine(kept, "stage2_checkpoint_epoch_0_step_4"));

        Assert.True(run.ExitCode == 0, run.Error + run.Output);
        Assert.True(Directory.Exists(Path.Combine(resumed, "checkpoints", "stage2_checkpoint_epoch_1_step_8")), "stage 2 did not train on");
        foreach (var family in new[] { "accuracy", "nll" })
            Assert.Equal(Matrix(whole, family), Matrix(resumed, family));
    }

    [Fact]
    public async Task Without_a_finished_stage_one_beside_it_the_study_is_refused_before_any_work()
    {
        using var temp = new TempDirectory();
        var config = MergeAndNewConfig(temp.Path);
        var whole = temp.Sub("whole");
        Assert.Equal(0, (await InProcessCli.RunAsync("study", "--config", config, "--output-dir", whole)).ExitCode);
        var alone = temp.Sub("alone");
        CopyDirectory(Path.Combine(whole, "checkpoints", "stage2_checkpoint_epoch_0_step_4"), Path.Combine(alone, "stage2_checkpoint_epoch_0_step_4"));

        var output = temp.Sub("refused");
        var run = await InProcessCli.RunAsync("study", "--config", config, "--output-dir", output,
            "--resume-stage2", Path.Combine(alone, "stage2_checkpoint_epoch_0_step_4"));

        var line = run.AssertOneLineError();
        Assert.Contains("--resume-stage2: model.lora_stage2_mode is merge_and_new", line, StringComparison.Ordinal);
        Assert.Contains("holds no finished stage-1 checkpoint", line, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(output, "checkpoints")), "work started");
    }

    private static string MergeAndNewConfig(string directory)
    {
        var path = StudyFixture.WriteSmokeConfig(directory, small: true);
        var text = File.ReadAllText(path);
        Assert.Contains("  use_lora: false", text, StringComparison.Ordinal);
        File.WriteAllText(path, text.Replace("  use_lora: false", "  use_lora: true\n  lora_stage2_mode: merge_and_new", StringComparison.Ordinal));
        return path;
    }

    private static double[][] Matrix(string output, string family)
    {
        using var final = JsonDocument.Parse(File.ReadAllText(Path.Combine(output, "logs", "final_results.json")));
        return [.. Assert.Single(final.RootElement.GetProperty("arms").EnumerateArray()).GetProperty(family).GetProperty("matrix")
            .EnumerateArray().Select(row => row.EnumerateArray().Select(v => v.GetDouble()).ToArray())];
    }

    private static void CopyDirectory(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.GetFiles(from)) File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
    }
}
