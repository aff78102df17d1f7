using System.Net;
using System.Text.Json;
using ForgetCloud.Contracts.Api;
using ForgetCloud.Contracts.Blobs;
using ForgetCloud.EndToEnd.Tests.TestSupport;
using ForgetCloud.Contracts.Lifecycle;

namespace ForgetCloud.EndToEnd.Tests;

/// <summary>A compare-optimizers smoke study through the Api, DataPrep, Trainer and Evaluator over the real servers.</summary>
[Collection(DistributedStudyCollection.Name)]
public sealed class DistributedStudyTests(DistributedStudyFixture fixture, LocalStudyReference local)
{
    [Fact]
    public async Task A_compare_optimizers_smoke_study_completes_with_the_numbers_of_a_local_run()
    {
        var token = TestContext.Current.CancellationToken;
        var yaml = await File.ReadAllTextAsync(LocalStudyReference.SmokeConfigPath, token);
        var runId = await fixture.SubmitAsync(RunSubmission.FromYaml(yaml) with { CompareOptimizers = true }, token);

        var run = await fixture.WaitForCompletionAsync(runId, token);

        Assert.Equal(["adamw", "muon"], run.Arms.Select(a => a.ArmId));
        foreach (var stage in run.Arms.SelectMany(a => a.Stages))
        {
            Assert.Equal(StageStatus.Evaluated, stage.Status);
            Assert.Equal(1, stage.EvaluationAttempt);
            Assert.True(stage.EvaluationMetrics.ContainsKey("gsm8k_accuracy"), $"stage {stage.Stage} has no headline metrics");
        }
        var stage1 = run.Arms[0].Stages.Single(s => s.Stage == 1);
        Assert.Equal(24, stage1.FinalCheckpoint!.Step); // 3 epochs x 32 examples / batch 4
        Assert.Equal(BlobLayout.Checkpoint(runId, "adamw", 1, 24), stage1.FinalCheckpoint.Location);
        // total_steps comes from the Trainer's StageProgress (null before issue 9): each trained stage's final step.
        foreach (var trained in run.Arms.SelectMany(a => a.Stages).Where(s => s.Stage > 0))
            Assert.Equal(trained.FinalCheckpoint!.Step, trained.TotalSteps);

        var results = await fixture.Api.GetResultsAsync(runId, token);
        Assert.True(results.IsSuccessStatusCode, results.Error?.Message);
        var expected = await local.AnalysisAsync();
        Results.AssertSameMetrics(expected, results.Content, "adamw");
        Results.AssertSameMetrics(expected, results.Content, "muon");

        foreach (var plot in (string[])["training_curves.png", "evaluation_curves.png", "forgetting_analysis.png", "optimizer_comparison.png", "forgetting_curves.png", "weight_drift.png"])
        {
            using var png = await fixture.Api.GetArtifactAsync(runId, "report/" + plot, token);
            Assert.Equal(HttpStatusCode.OK, png.StatusCode);
            var bytes = await png.Content.ReadAsByteArrayAsync(token);
            Assert.True(bytes.Length > 1000 && bytes[1] == 'P' && bytes[2] == 'N' && bytes[3] == 'G', $"{plot} is not a PNG");
        }
        foreach (var json in (string[])["report/final_results.json", "report/training_history.json", "report/evaluation_history.json", "report/experiment_metadata.json", "report/forgetting_curves.json", "report/weight_drift.json"])
        {
            using var response = await fixture.Api.GetArtifactAsync(runId, json, token);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            JsonDocument.Parse(await response.Content.ReadAsStringAsync(token)).Dispose();
        }

        // The training history has every step of every stage once: 24 + 24 per arm.
        using (var history = await fixture.Api.GetArtifactAsync(runId, "report/training_history.json", token))
        {
            var arms = JsonDocument.Parse(await history.Content.ReadAsStringAsync(token)).RootElement.GetProperty("arms");
            foreach (var arm in arms.EnumerateArray())
            {
                var steps = arm.GetProperty("stages").EnumerateArray().Select(s => s.GetProperty("steps").GetArrayLength()).ToArray();
                Assert.Equal([24, 24], steps);
            }
        }

        // Per-example records: one line per evaluated item (evaluation.max_examples 16 of each test set).
        foreach (var records in (string[])["adamw/eval/gsm8k_stage2.jsonl", "muon/eval/aqua_rat_stage0.jsonl"])
        {
            using var response = await fixture.Api.GetArtifactAsync(runId, records, token);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var lines = (await response.Content.ReadAsStringAsync(token)).Split('\n', StringSplitOptions.RemoveEmptyEntries);
            Assert.Equal(16, lines.Length);
        }

        // The base model is evaluated once: one arm's stage-0 result is computed, the other's is a copy (same records).
        var bases = new List<JsonElement>();
        foreach (var arm in (string[])["adamw", "muon"])
        {
            using var response = await fixture.Api.GetArtifactAsync(runId, $"{arm}/eval/stage0.json", token);
            bases.Add(JsonDocument.Parse(await response.Content.ReadAsStringAsync(token)).RootElement.Clone());
        }
        var reused = Assert.Single(bases, b => b.GetProperty("reused_from").ValueKind == JsonValueKind.String);
        var computed = Assert.Single(bases, b => b.GetProperty("reused_from").ValueKind == JsonValueKind.Null);
        Assert.Equal(computed.GetProperty("arm_id").GetString(), reused.GetProperty("reused_from").GetString());
        Assert.Equal(computed.GetProperty("metrics").GetRawText(), reused.GetProperty("metrics").GetRawText());
        foreach (var records in (string[])["gsm8k_stage0.jsonl", "aqua_rat_stage0.jsonl"])
        {
            using var adamw = await fixture.Api.GetArtifactAsync(runId, "adamw/eval/" + records, token);
            using var muon = await fixture.Api.GetArtifactAsync(runId, "muon/eval/" + records, token);
            Assert.Equal(await adamw.Content.ReadAsByteArrayAsync(token), await muon.Content.ReadAsByteArrayAsync(token));
        }

        // Dataset parts are content-addressed: the four parts exist once, whatever number of runs used them.
        Assert.Equal(4, run.DatasetRefs.Count);
        Assert.All(run.DatasetRefs, r => Assert.StartsWith(BlobLayout.DatasetsRoot, r));
    }
}
