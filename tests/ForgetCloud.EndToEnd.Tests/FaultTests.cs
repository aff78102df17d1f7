using System.Diagnostics;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using ForgetCloud.Contracts.Api;
using ForgetCloud.Contracts.Blobs;
using ForgetCloud.Contracts.Messages;
using ForgetCloud.EndToEnd.Tests.TestSupport;
using ForgetCloud.Contracts.Lifecycle;

namespace ForgetCloud.EndToEnd.Tests;

/// <summary>The distributed study under faults: a trainer killed mid-stage, duplicated messages, a broker restart.</summary>
[Collection(DistributedStudyCollection.Name)]
public sealed class FaultTests(DistributedStudyFixture fixture, LocalStudyReference local)
{
    private static async Task<RunSubmission> SingleArmSmokeAsync(CancellationToken token) =>
        RunSubmission.FromYaml(await File.ReadAllTextAsync(LocalStudyReference.SmokeConfigPath, token)) with { Optimizer = "adamw" };

    [Fact]
    public async Task A_trainer_killed_mid_stage_is_replaced_and_the_run_ends_with_the_uninterrupted_numbers()
    {
        var token = TestContext.Current.CancellationToken;
        // A 240-step stage 1, so the kill lands mid-stage however fast the machine is (24 steps can finish before the
        // test sees the first checkpoint); its uninterrupted numbers come from a local run of the same config.
        using var uninterrupted = new LocalStudyReference(LocalStudyReference.WithLongStage1, compareOptimizers: false);
        var yaml = LocalStudyReference.WithLongStage1(await File.ReadAllTextAsync(LocalStudyReference.SmokeConfigPath, token));
        var runId = await fixture.SubmitAsync(RunSubmission.FromYaml(yaml) with { Optimizer = "adamw" }, token);

        // Kill as soon as the step-8 checkpoint of stage 1 is stored: 232 of 240 steps are still to go.
        await fixture.WaitForAsync(runId, r => r.Arms[0].Stages.Single(s => s.Stage == 1).ResumePoint?.Step >= 8,
            DistributedStudyFixture.RunTimeout, token);
        var pid = fixture.ProcessIdOf("trainer");
        using (var trainer = Process.GetProcessById(pid))
        {
            trainer.Kill();
            await trainer.WaitForExitAsync(token).WaitAsync(DistributedStudyFixture.StepTimeout, token);
        }
        // Nothing can finish stage 1 now: the kill came before its end. The AppHost restarts the trainer by itself
        // (WorkerRestarts: the first exit waits 1 s) and the redelivered TrainStage resumes.
        var atKill = await fixture.Api.GetRunAsync(runId, token);
        Assert.Null(atKill.Content!.Arms[0].Stages.Single(s => s.Stage == 1).FinalCheckpoint);
        var restartedWithin = await fixture.WaitForNewProcessAsync("trainer", pid, DistributedStudyFixture.StepTimeout, token);
        Assert.True(restartedWithin < DistributedStudyFixture.StepTimeout, $"the trainer was not restarted within {DistributedStudyFixture.StepTimeout}");

        var run = await fixture.WaitForCompletionAsync(runId, token);

        Assert.NotEqual(pid, fixture.ProcessIdOf("trainer"));
        var results = await fixture.Api.GetResultsAsync(runId, token);
        Assert.True(results.IsSuccessStatusCode, results.Error?.Message);
        Results.AssertSameMetrics(await uninterrupted.AnalysisAsync(), results.Content, "adamw");
        // The redelivered TrainStage resumed (a second TensorBoard event file for stage 1) instead of starting over,
        // and the history still has each of the 240 steps once (the report refuses repeated steps).
        var events = new List<string>();
        await foreach (var blob in fixture.Blobs.GetBlobsAsync(Azure.Storage.Blobs.Models.BlobTraits.None, Azure.Storage.Blobs.Models.BlobStates.None, BlobLayout.StageTensorBoard(runId, "adamw", 1), token))
            events.Add(blob.Name);
        Assert.True(events.Count >= 2, $"expected event files of two trainer processes, found: {string.Join(", ", events)}");
        Assert.Equal(1, run.Arms[0].Stages.Single(s => s.Stage == 1).EvaluationAttempt);
    }

    [Fact]
    public async Task Duplicated_events_and_commands_change_nothing()
    {
        var token = TestContext.Current.CancellationToken;
        await using var probe = await BusProbe.StartAsync(await fixture.ConnectionStringAsync("messaging"), (endpoint, record) =>
        {
            BusProbe.Record<StageCheckpointSaved>(endpoint, record);
            BusProbe.Record<EvaluateCheckpoint>(endpoint, record);
            BusProbe.Record<CheckpointEvaluated>(endpoint, record);
        }, token);
        var runId = await fixture.SubmitAsync(await SingleArmSmokeAsync(token), token);

        // The stage-1 final checkpoint announced twice: the Api must start one evaluation of it.
        var final1 = await probe.WaitForAsync<StageCheckpointSaved>(m => m.RunId == runId && m.Stage == 1 && m.IsFinal, DistributedStudyFixture.RunTimeout, token);
        await probe.PublishAsync(final1, token);
        var run = await fixture.WaitForCompletionAsync(runId, token);

        // The base evaluation commanded again: the Evaluator answers from the stored result without recomputing it.
        var resultRef = BlobLayout.Evaluation(runId, "adamw", 0);
        var etag = (await fixture.Blobs.GetBlobClient(resultRef).GetPropertiesAsync(cancellationToken: token)).Value.ETag;
        var first = probe.SeenOf<EvaluateCheckpoint>().Single(m => m.RunId == runId && m.Stage == 0);
        var answered = probe.SeenOf<CheckpointEvaluated>().Count(m => m.RunId == runId && m.Stage == 0);
        await probe.PublishAsync(first, token);
        await probe.WaitForAsync<CheckpointEvaluated>(_ => probe.SeenOf<CheckpointEvaluated>().Count(m => m.RunId == runId && m.Stage == 0) > answered,
            DistributedStudyFixture.StepTimeout, token);
        Assert.Equal(etag, (await fixture.Blobs.GetBlobClient(resultRef).GetPropertiesAsync(cancellationToken: token)).Value.ETag);

        Assert.Equal(2, probe.SeenOf<StageCheckpointSaved>().Count(m => m.RunId == runId && m.Stage == 1 && m.IsFinal));
        foreach (var stage in new[] { 1, 2 })
            Assert.Single(probe.SeenOf<EvaluateCheckpoint>(), m => m.RunId == runId && m.Stage == stage);
        var after = await fixture.Api.GetRunAsync(runId, token);
        Assert.Equal(run.Version, after.Content!.Version);
        Assert.All(after.Content.Arms[0].Stages, s => Assert.Equal(1, s.EvaluationAttempt));
    }

    [Fact]
    public async Task A_run_whose_datasets_cannot_be_prepared_fails_with_DataPreps_reason()
    {
        var token = TestContext.Current.CancellationToken;
        const string name = "  name: smoke          # preset: a few-layer Llama with random init; carries its tokenizer";
        var smoke = await File.ReadAllTextAsync(LocalStudyReference.SmokeConfigPath, token);
        Assert.Contains(name, smoke, StringComparison.Ordinal);
        // The Api can't see the workers' disks, so it accepts a local model path it cannot check; DataPrep can't load it.
        var missing = "/nonexistent/forgetcloud-model-" + Guid.NewGuid().ToString("N")[..8];
        var yaml = smoke.Replace(name, $"  name: {missing}\n  source: local", StringComparison.Ordinal);

        var runId = await fixture.SubmitAsync(RunSubmission.FromYaml(yaml) with { Optimizer = "adamw" }, token);
        var run = await fixture.WaitForAsync(runId, r => r.Status is StudyStatus.Failed or StudyStatus.Completed, DistributedStudyFixture.StepTimeout, token);

        Assert.Equal(StudyStatus.Failed, run.Status);
        Assert.StartsWith("dataset preparation failed: ArgumentException: ", run.StatusReason);
        Assert.Contains(missing, run.StatusReason, StringComparison.Ordinal);
        Assert.All(run.Arms[0].Stages, s => Assert.Equal(StageStatus.Pending, s.Status));
    }

    [Fact]
    public async Task A_run_on_cuda_without_a_gpu_fails_with_the_devices_reason_before_any_training()
    {
        var token = TestContext.Current.CancellationToken;
        var smoke = await File.ReadAllTextAsync(LocalStudyReference.SmokeConfigPath, token);
        Assert.Contains("\ndevice: auto", smoke, StringComparison.Ordinal);
        // The Api cannot know the workers' hardware, so it accepts the config; the first worker to build the model says no.
        var yaml = smoke.Replace("\ndevice: auto", "\ndevice: cuda", StringComparison.Ordinal);

        var runId = await fixture.SubmitAsync(RunSubmission.FromYaml(yaml) with { Optimizer = "adamw" }, token);
        var run = await fixture.WaitForAsync(runId, r => r.Status is StudyStatus.Failed or StudyStatus.Completed, DistributedStudyFixture.StepTimeout, token);

        Assert.Equal(StudyStatus.Failed, run.Status);
        Assert.Contains("device cuda: CUDA is not available here", run.StatusReason, StringComparison.Ordinal);
        Assert.All(run.Arms[0].Stages, s => Assert.NotEqual(StageStatus.Evaluated, s.Status));
    }

    [Fact]
    public async Task A_broker_restart_mid_run_is_survived()
    {
        var token = TestContext.Current.CancellationToken;
        var runId = await fixture.SubmitAsync(await SingleArmSmokeAsync(token), token);
        await fixture.WaitForAsync(runId, r => r.Arms[0].Stages.Single(s => s.Stage == 1).Step >= 4, DistributedStudyFixture.RunTimeout, token);

        var restartedAfter = DateTime.UtcNow;
        await fixture.CommandAsync("messaging", "resource-restart", token);
        // The old broker passes through Exited on the way (WaitForResourceHealthyAsync would give up there): wait for a
        // broker started after the command to be healthy.
        await fixture.App.ResourceNotifications.WaitForResourceAsync("messaging",
                e => e.Snapshot.StartTimeStamp?.ToUniversalTime() > restartedAfter && e.Snapshot.HealthStatus == HealthStatus.Healthy, token)
            .WaitAsync(DistributedStudyFixture.StartTimeout, token);

        await fixture.WaitForCompletionAsync(runId, token);
        var results = await fixture.Api.GetResultsAsync(runId, token);
        Assert.True(results.IsSuccessStatusCode, results.Error?.Message);
        Results.AssertSameMetrics(await local.AnalysisAsync(), results.Content, "adamw");
    }
}
