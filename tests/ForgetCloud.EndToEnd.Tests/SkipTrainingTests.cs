using System.Net;
using System.Text.Json;
using ForgetCloud.Contracts.Api;
using ForgetCloud.EndToEnd.Tests.TestSupport;
using ForgetCloud.Contracts.Lifecycle;

namespace ForgetCloud.EndToEnd.Tests;

/// <summary>skip_training through the composition: evaluated like the CLI does it, Completed, not Failed (issue 9).</summary>
[Collection(DistributedStudyCollection.Name)]
public sealed class SkipTrainingTests(DistributedStudyFixture fixture)
{
    [Fact]
    public async Task A_skip_training_run_evaluates_the_base_and_completes_with_its_metadata()
    {
        var token = TestContext.Current.CancellationToken;
        var yaml = await File.ReadAllTextAsync(LocalStudyReference.SmokeConfigPath, token);
        var runId = await fixture.SubmitAsync(RunSubmission.FromYaml(yaml) with { SkipTraining = true }, token);

        // Before the fix: Failed, "analysis failed: ... Arm 'adamw' has no evaluation of stage 1".
        var run = await fixture.WaitForCompletionAsync(runId, token);

        var arm = Assert.Single(run.Arms);
        Assert.Equal(StageStatus.Evaluated, arm.Stages.Single(s => s.Stage == 0).Status);
        Assert.All(arm.Stages.Where(s => s.Stage > 0), s => Assert.Equal(StageStatus.Skipped, s.Status));
        var results = await fixture.Api.GetResultsAsync(runId, token);
        Assert.True(results.IsSuccessStatusCode, results.Error?.Message);
        Assert.Equal(JsonValueKind.Object, results.Content.ValueKind);
        using var records = await fixture.Api.GetArtifactAsync(runId, "adamw/eval/gsm8k_stage0.jsonl", token);
        Assert.Equal(HttpStatusCode.OK, records.StatusCode);
    }
}
