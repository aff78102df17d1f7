using ForgetCloud.Contracts.Configuration;
using ForgetCloud.Api;
using ForgetCloud.Api.Endpoints;
using ForgetCloud.Api.Runs;
using ForgetCloud.AppHost.Infrastructure;
using ForgetCloud.AppHost.Tests.Infrastructure;
using ForgetCloud.Contracts.Api;
using ForgetCloud.Contracts.Messages;
using ForgetCloud.Learning.Study;
using Microsoft.Extensions.Time.Testing;
using StackExchange.Redis;
using ForgetCloud.Contracts.Lifecycle;

namespace ForgetCloud.AppHost.Tests.Api;

/// <summary>Heartbeats in the real Redis, read through the stall monitor on a fake clock.</summary>
[Collection(LocalServersCollection.Name)]
public sealed class HeartbeatStoreTests(LocalServersFixture fixture) : IAsyncLifetime
{
    private static readonly TimeSpan Timeout = LocalServersFixture.StepTimeout;
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 12, 4, 12, 0, 0, TimeSpan.Zero));
    private readonly string _runId = $"heartbeat-test-{Guid.NewGuid():N}";
    private ConnectionMultiplexer? _redis;

    private RedisRunStore Store => new(_redis!);

    public async ValueTask InitializeAsync()
    {
        _redis = await ConnectionMultiplexer.ConnectAsync(await fixture.ConnectionStringAsync(ResourceNames.Redis)).WaitAsync(Timeout, TestContext.Current.CancellationToken);
        // Prepared: stage 0 is being evaluated (attempt 1) and stage 1 trained (attempt 1).
        var started = StudyWorkflow.Apply(StudyState.New(_runId), new StudyStarted(new StudyOptions("runs/x/config.yaml", [Arm])));
        await Store.CreateAsync(new RunRecord(started.State, _clock.GetUtcNow()), started.Commands);
        var prepared = StudyWorkflow.Apply(started.State, new Learning.Study.DatasetsPrepared(["datasets/a/"]));
        Assert.True(await Store.TrySaveAsync(prepared.State, started.State.Version, []));
    }

    public async ValueTask DisposeAsync()
    {
        await _redis!.GetDatabase().KeyDeleteAsync([RunKeys.Run(_runId), RunKeys.Outbox(_runId), RunKeys.Heartbeats(_runId)]);
        await _redis.GetDatabase().SortedSetRemoveAsync(RunKeys.Index, _runId);
        await _redis.DisposeAsync();
    }

    private static readonly ArmSpec Arm = ArmSpec.For(OptimizerKind.AdamW, 0);

    private StageHeartbeat Beat(int attempt, DateTimeOffset at) => new(_runId, Arm.Id, 1, StageWork.Training, attempt, at);

    private async Task<StageDetails> Stage1Async()
    {
        var monitor = new StallMonitor(Store, new ApiSettings { StallTimeout = TimeSpan.FromSeconds(30) }, _clock);
        var details = await monitor.WithLivenessAsync(RunDetailsMapper.ToDetails((await Store.GetAsync(_runId))!, new Dictionary<string, IReadOnlyDictionary<string, double>>()));
        return details.Arms[0].Stages.Single(s => s.Stage == 1);
    }

    [Fact]
    public async Task The_newest_heartbeat_is_kept_and_the_stage_stalls_and_recovers_by_it()
    {
        var first = _clock.GetUtcNow();
        Assert.True(await Store.RecordHeartbeatAsync(Beat(1, first)).WaitAsync(Timeout, TestContext.Current.CancellationToken));
        // A beat the broker delivers late (older than the stored one) changes nothing.
        Assert.False(await Store.RecordHeartbeatAsync(Beat(1, first - TimeSpan.FromSeconds(5))));
        Assert.Equal((StageStatus.Training, first), ((await Stage1Async()).Status, (await Stage1Async()).LastHeartbeat));

        _clock.Advance(TimeSpan.FromSeconds(31));
        Assert.Equal((StageStatus.Stalled, first), ((await Stage1Async()).Status, (await Stage1Async()).LastHeartbeat));

        var second = _clock.GetUtcNow();
        Assert.True(await Store.RecordHeartbeatAsync(Beat(1, second)));
        Assert.Equal((StageStatus.Training, second), ((await Stage1Async()).Status, (await Stage1Async()).LastHeartbeat));
    }

    [Fact]
    public async Task A_heartbeat_for_an_unknown_run_stores_nothing()
    {
        var unknown = $"heartbeat-test-{Guid.NewGuid():N}";
        Assert.False(await Store.RecordHeartbeatAsync(new StageHeartbeat(unknown, "adamw", 1, StageWork.Training, 1, _clock.GetUtcNow())));
        Assert.False(await _redis!.GetDatabase().KeyExistsAsync(RunKeys.Heartbeats(unknown)));
        Assert.False(await Store.RecordHeartbeatAsync(new StageHeartbeat("../x", "adamw", 1, StageWork.Training, 1, _clock.GetUtcNow())));
    }
}
