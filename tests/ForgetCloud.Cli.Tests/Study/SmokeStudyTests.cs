using System.Text.Json;
using ForgetCloud.Cli.Tests.TestSupport;

namespace ForgetCloud.Cli.Tests.Study;

/// <summary>The shipped smoke study end to end through the command line, in-process.</summary>
[Collection(nameof(StudyCollection))]
public sealed class SmokeStudyTests
{
    private static readonly string[] LogFiles =
    [
        "training.log", "experiment_metadata.json", "training_history.json", "evaluation_history.json", "final_results.json",
        "training_curves.png", "evaluation_curves.png", "forgetting_analysis.png",
        "forgetting_curves.json", "forgetting_curves.png", "weight_drift.json", "weight_drift.png",
    ];

    [Fact]
    public async Task The_smoke_study_writes_the_whole_output_folder_and_its_numbers_agree_across_files()
    {
        using var temp = new TempDirectory();
        var config = StudyFixture.WriteSmokeConfig(temp.Path);
        var output = temp.Sub("out");

        var run = await InProcessCli.RunAsync("study", "--config", config, "--output-dir", output);

        Assert.True(run.ExitCode == 0, run.Error + run.Output);
        var logs = Path.Combine(output, "logs");
        foreach (var file in LogFiles) Assert.True(File.Exists(Path.Combine(logs, file)), $"missing logs/{file}");
        Assert.False(File.Exists(Path.Combine(logs, "optimizer_comparison.png")), "one optimizer: no comparison plot");
        foreach (var png in LogFiles.Where(f => f.EndsWith(".png", StringComparison.Ordinal)))
            Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], File.ReadAllBytes(Path.Combine(logs, png)).Take(4));

        // smoke.yaml: 32 examples, batch 4, 3 epochs = 24 steps per stage; save_interval 8 -> steps 8, 16, 24.
        foreach (var stage in new[] { 1, 2 })
        {
            foreach (var (epoch, step) in new[] { (0, 8), (1, 16), (2, 24) })
                Assert.True(Directory.Exists(Path.Combine(output, "checkpoints", $"stage{stage}_checkpoint_epoch_{epoch}_step_{step}")));
            Assert.NotEmpty(Directory.GetFiles(Path.Combine(output, "tensorboard_logs", "adamw", $"stage{stage}"), "events.out.tfevents.*"));
        }

        Assert.NotEmpty(Directory.GetFiles(Path.Combine(output, "tensorboard_logs", "adamw", "eval"), "events.out.tfevents.*"));
        Assert.True(File.Exists(Path.Combine(output, "study_state.json")));

        // training.log: timestamps, config summary, truncation counts, step lines, evaluation summaries, forgetting.
        var log = File.ReadAllLines(Path.Combine(logs, "training.log"));
        Assert.All(log, line => Assert.Matches(@"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{3} [+-]\d\d:\d\d (INFO |WARN |ERROR) ", line));
        Assert.Contains(log, l => l.Contains("model smoke (preset), full fine-tuning, dtype fp32", StringComparison.Ordinal));
        Assert.Contains(log, l => l.Contains("stage 1 data (gsm8k train): 32 examples", StringComparison.Ordinal) && l.Contains("truncated to max_length 128", StringComparison.Ordinal));
        Assert.Equal(48, log.Count(l => System.Text.RegularExpressions.Regex.IsMatch(l, @"adamw stage [12] step \d+/24 epoch \d: loss ")));
        Assert.Equal(3, log.Count(l => l.Contains("adamw evaluation ", StringComparison.Ordinal) && l.Contains("answer NLL", StringComparison.Ordinal)));
        Assert.Contains(log, l => l.Contains("adamw nll differences: gsm8k_stage1_change", StringComparison.Ordinal));

        // Numbers: recompute from the per-example records, compare with final_results.json and evaluation_history.json.
        using var final = JsonDocument.Parse(File.ReadAllText(Path.Combine(logs, "final_results.json")));
        using var history = JsonDocument.Parse(File.ReadAllText(Path.Combine(logs, "evaluation_history.json")));
        var arm = Assert.Single(final.RootElement.GetProperty("arms").EnumerateArray());
        Assert.Equal("adamw", arm.GetProperty("arm_id").GetString());
        var accuracy = arm.GetProperty("accuracy").GetProperty("matrix");
        var nll = arm.GetProperty("nll").GetProperty("matrix");
        var entries = history.RootElement.GetProperty("entries").EnumerateArray().ToArray();
        Assert.Equal(3, entries.Length);
        for (var stage = 0; stage < 3; stage++)
        {
            var gsm8k = Records(Path.Combine(logs, "adamw", $"gsm8k_stage{stage}.jsonl"));
            var aqua = Records(Path.Combine(logs, "adamw", $"aqua_rat_stage{stage}.jsonl"));
            Assert.Equal(16, gsm8k.Length);
            Assert.Equal(16, aqua.Length);
            var gsmAccuracy = gsm8k.Average(r => r.GetProperty("flexible_correct").GetBoolean() ? 1.0 : 0.0);
            var gsmNll = gsm8k.Sum(r => r.GetProperty("answer_nll_sum").GetDouble()) / gsm8k.Sum(r => r.GetProperty("answer_tokens").GetInt32());
            var aquaAccuracy = aqua.Average(r => r.GetProperty("predicted").GetString() == r.GetProperty("gold").GetString() ? 1.0 : 0.0);
            var aquaNll = aqua.Sum(r => r.GetProperty("rationale_nll_sum").GetDouble()) / aqua.Sum(r => r.GetProperty("rationale_tokens").GetInt32());

            Assert.Equal(gsmAccuracy, accuracy[stage][0].GetDouble(), 12);
            Assert.Equal(aquaAccuracy, accuracy[stage][1].GetDouble(), 12);
            Assert.Equal(gsmNll, nll[stage][0].GetDouble(), 12);
            Assert.Equal(aquaNll, nll[stage][1].GetDouble(), 12);

            var entry = entries[stage];
            Assert.Equal(stage, entry.GetProperty("stage").GetInt32());
            Assert.Equal(gsmAccuracy, entry.GetProperty("gsm8k").GetProperty("flexible_accuracy").GetProperty("estimate").GetDouble(), 12);
            Assert.Equal(gsmNll, entry.GetProperty("gsm8k").GetProperty("answer_nll").GetProperty("estimate").GetDouble(), 12);
            Assert.Equal(aquaAccuracy, entry.GetProperty("aqua_rat").GetProperty("accuracy").GetProperty("estimate").GetDouble(), 12);
            Assert.Equal(aquaNll, entry.GetProperty("aqua_rat").GetProperty("rationale_nll").GetProperty("estimate").GetDouble(), 12);
        }

        // The stage-1 NLL change in final_results is R[1][gsm8k] - R[0][gsm8k] of the same matrix.
        var change = arm.GetProperty("nll").GetProperty("differences").EnumerateArray()
            .Single(d => d.GetProperty("name").GetString() == "gsm8k_stage1_change").GetProperty("interval").GetProperty("estimate").GetDouble();
        Assert.Equal(nll[1][0].GetDouble() - nll[0][0].GetDouble(), change, 12);

        // training_history.json: every step of both stages, as the trainer logged them.
        using var training = JsonDocument.Parse(File.ReadAllText(Path.Combine(logs, "training_history.json")));
        var stages = Assert.Single(training.RootElement.GetProperty("arms").EnumerateArray()).GetProperty("stages").EnumerateArray().ToArray();
        Assert.Equal([1, 2], stages.Select(s => s.GetProperty("stage").GetInt32()));
        Assert.All(stages, s => Assert.Equal(Enumerable.Range(1, 24), s.GetProperty("steps").EnumerateArray().Select(x => x.GetProperty("step").GetInt32())));
        Assert.Contains(log, l => l.Contains(string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"adamw stage 1 step 24/24 epoch 2: loss {stages[0].GetProperty("losses")[23].GetDouble():F4}"), StringComparison.Ordinal));
        AssertCurvesAndDrift(logs);
    }

    private static void AssertCurvesAndDrift(string logs)
    {
        // curve_interval 4 over 24 steps a stage: 4, 8, .., 24; stage 2's steps follow stage 1's on one axis.
        using var curves = JsonDocument.Parse(File.ReadAllText(Path.Combine(logs, "forgetting_curves.json")));
        var points = Assert.Single(curves.RootElement.GetProperty("arms").EnumerateArray()).GetProperty("points").EnumerateArray().ToArray();
        Assert.Equal(Enumerable.Range(1, 12).Select(i => 4L * i), points.Select(p => p.GetProperty("global_step").GetInt64()));

        // The last stage-1 point is the stage-1 model on the first curve_examples (8) test items: the same numbers
        // as the first 8 per-item records of the stage-1 evaluation.
        foreach (var (dataset, field, tokens, curve) in new[]
                 {
                     ("gsm8k", "answer_nll_sum", "answer_tokens", "gsm8k_nll"),
                     ("aqua_rat", "rationale_nll_sum", "rationale_tokens", "aqua_rat_nll"),
                 })
        {
            var records = Records(Path.Combine(logs, "adamw", $"{dataset}_stage1.jsonl")).Take(8).ToArray();
            var expected = records.Sum(r => r.GetProperty(field).GetDouble()) / records.Sum(r => r.GetProperty(tokens).GetInt32());
            Assert.Equal(expected, points[5].GetProperty(curve).GetDouble(), 4);
        }

        // Full fine-tuning of the smoke preset: 2 layers x 7 projections, every one trained, in both stages.
        using var drift = JsonDocument.Parse(File.ReadAllText(Path.Combine(logs, "weight_drift.json")));
        var stages = Assert.Single(drift.RootElement.GetProperty("arms").EnumerateArray()).GetProperty("stages").EnumerateArray().ToArray();
        Assert.Equal([1, 2], stages.Select(s => s.GetProperty("stage").GetInt32()));
        foreach (var stage in stages)
        {
            var projections = stage.GetProperty("projections").EnumerateArray().ToArray();
            Assert.Equal(14, projections.Length);
            Assert.All(projections, p => Assert.True(p.GetProperty("relative_change").GetDouble() > 0));
        }
    }

    private static JsonElement[] Records(string path) =>
        [.. File.ReadLines(path).Select(l => JsonDocument.Parse(l).RootElement.Clone())];
}
