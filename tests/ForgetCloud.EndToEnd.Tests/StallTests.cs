using System.Diagnostics;
using System.Net.ServerSentEvents;
using System.Text.Json;
using ForgetCloud.Contracts.Api;
using ForgetCloud.EndToEnd.Tests.TestSupport;
using ForgetCloud.Contracts.Lifecycle;

namespace ForgetCloud.EndToEnd.Tests;

/// <summary>A stage whose worker hangs is shown Stalled, with its last heartbeat, in run details and over SSE.</summary>
[Collection(DistributedStudyCollection.Name)]
public sealed class StallTests(DistributedStudyFixture fixture)
{
    private static readonly JsonSerializerOptions Json = ForgetCloudApiJson.CreateOptions();

    private static StageDetails Stage1(RunDetails run) => run.Arms[0].Stages.Single(s => s.Stage == 1);

    [Fact]
    public async Task A_stage_whose_trainer_hangs_shows_stalled_with_its_last_heartbeat_and_recovers_when_it_resumes()
    {
        var token = TestContext.Current.CancellationToken;
        // The long stage 1 (240 steps) is still training when the trainer is stopped, however fast the machine is.
        var yaml = LocalStudyReference.WithLongStage1(await File.ReadAllTextAsync(LocalStudyReference.SmokeConfigPath, token));
        var runId = await fixture.SubmitAsync(RunSubmission.FromYaml(yaml) with { Optimizer = "adamw" }, token);
        var beating = await fixture.WaitForAsync(runId, r => Stage1(r) is { Status: StageStatus.Training, LastHeartbeat: not null, Step: >= 2 },
            DistributedStudyFixture.RunTimeout, token);

        await using var stream = await fixture.Api.GetEventStreamAsync(runId, cancellationToken: token).WaitAsync(DistributedStudyFixture.StepTimeout, token);
        await using var events = SseParser.Create(stream, (_, data) => JsonSerializer.Deserialize<RunEvent>(data, Json)!).EnumerateAsync(token).GetAsyncEnumerator(token);

        // The trainer hangs (SIGSTOP: alive, so nothing restarts it, but it does nothing): its heartbeats stop.
        var pid = fixture.ProcessIdOf("trainer");
        await SignalAsync("STOP", pid, token);
        var stoppedAt = DateTimeOffset.UtcNow;
        DateTimeOffset last;
        try
        {
            var stalled = await fixture.WaitForAsync(runId, r => Stage1(r).Status == StageStatus.Stalled,
                DistributedStudyFixture.StallTimeout + DistributedStudyFixture.StepTimeout, token);
            last = Stage1(stalled).LastHeartbeat!.Value;
            // The last beat is the one before the stop (at most one interval late), and it is older than the timeout now.
            Assert.InRange(last, beating.Arms[0].Stages.Single(s => s.Stage == 1).LastHeartbeat!.Value, stoppedAt + TimeSpan.FromSeconds(1));
            Assert.True(DateTimeOffset.UtcNow - last > DistributedStudyFixture.StallTimeout);
            Assert.Equal(StudyStatus.Running, stalled.Status);

            var stallEvent = await NextAsync(events, StageStall.StalledEvent, token);
            Assert.Equal(new StageStall(beating.Arms[0].ArmId, 1, StageStatus.Stalled, last), stallEvent.Stall);
        }
        finally
        {
            // Resumed whatever happened above: the collection's other tests need a trainer.
            await SignalAsync("CONT", pid, token);
        }

        // The resumed trainer (or, if the broker gave up on its connection meanwhile, the redelivered stage) beats again:
        // no longer stalled, in details and over SSE.
        var recovered = await NextAsync(events, StageStall.RecoveredEvent, token);
        Assert.Equal((StageStatus.Training, 1), (recovered.Stall!.Status, recovered.Stall.Stage));
        Assert.True(recovered.Stall.LastHeartbeat > last);
        var again = await fixture.WaitForAsync(runId, r => Stage1(r).LastHeartbeat > last, DistributedStudyFixture.StepTimeout, token);
        Assert.Equal(StageStatus.Training, Stage1(again).Status);

        var cancel = await fixture.Api.CancelRunAsync(runId, new CancelRunRequest(null), token);
        Assert.True(cancel.IsSuccessStatusCode, cancel.Error?.Message);
    }

    private static async Task SignalAsync(string signal, int pid, CancellationToken token)
    {
        using var kill = Process.Start(new ProcessStartInfo("kill", $"-{signal} {pid}") { UseShellExecute = false })!;
        await kill.WaitForExitAsync(token);
        Assert.Equal(0, kill.ExitCode);
    }

    /// <summary>The next SSE event named <paramref name="name"/>, within the trainer's start-up and a few stall checks.</summary>
    private static async Task<RunEvent> NextAsync(IAsyncEnumerator<SseItem<RunEvent>> events, string name, CancellationToken token)
    {
        var deadline = DateTime.UtcNow + DistributedStudyFixture.StartTimeout;
        while (DateTime.UtcNow < deadline)
        {
            Assert.True(await events.MoveNextAsync().AsTask().WaitAsync(deadline - DateTime.UtcNow, token), $"the event stream ended before a {name} event");
            if (events.Current.Data.Event == name)
                return events.Current.Data;
        }
        Assert.Fail($"no {name} event within {DistributedStudyFixture.StartTimeout}");
        return null!;
    }
}
