using ForgetCloud.Contracts.Configuration;
using System.Collections.Immutable;
using ForgetCloud.Api.Runs;
using ForgetCloud.AppHost.Infrastructure;
using ForgetCloud.AppHost.Tests.Infrastructure;
using ForgetCloud.Learning.Study;
using StackExchange.Redis;
using ForgetCloud.Contracts.Lifecycle;

namespace ForgetCloud.AppHost.Tests.Api;

/// <summary>The run store against the real Redis the AppHost started.</summary>
[Collection(LocalServersCollection.Name)]
public sealed class RedisRunStoreTests(LocalServersFixture fixture) : IAsyncLifetime
{
    private static readonly TimeSpan Timeout = LocalServersFixture.StepTimeout;
    private readonly List<string> _created = [];
    private ConnectionMultiplexer? _redis;

    private RedisRunStore Store => new(_redis!);

    public async ValueTask InitializeAsync() =>
        _redis = await ConnectionMultiplexer.ConnectAsync(await fixture.ConnectionStringAsync(ResourceNames.Redis)).WaitAsync(Timeout, TestContext.Current.CancellationToken);

    public async ValueTask DisposeAsync()
    {
        var db = _redis!.GetDatabase();
        foreach (var id in _created)
        {
            await db.KeyDeleteAsync([RunKeys.Run(id), RunKeys.Outbox(id), RunKeys.Metrics(id)]);
            await db.SortedSetRemoveAsync(RunKeys.Index, id);
        }
        await _redis.DisposeAsync();
    }

    private (RunRecord Record, ImmutableArray<StudyCommand> Commands) Started(DateTimeOffset createdAt)
    {
        var id = $"store-test-{Guid.NewGuid():N}";
        _created.Add(id);
        var transition = StudyWorkflow.Apply(StudyState.New(id), new StudyStarted(new StudyOptions("runs/x/config.yaml", [ArmSpec.For(OptimizerKind.AdamW, 0)])));
        return (new RunRecord(transition.State, createdAt), transition.Commands);
    }

    [Fact]
    public async Task A_created_run_reads_back_equal()
    {
        var (record, commands) = Started(new DateTimeOffset(2026, 5, 1, 12, 0, 0, TimeSpan.Zero));

        Assert.True(await Store.CreateAsync(record, commands).WaitAsync(Timeout, TestContext.Current.CancellationToken));
        var read = await Store.GetAsync(record.RunId).WaitAsync(Timeout, TestContext.Current.CancellationToken);

        Assert.Equal(record, read);
        Assert.False(await Store.CreateAsync(record, commands).WaitAsync(Timeout, TestContext.Current.CancellationToken)); // the id is taken
    }

    [Fact]
    public async Task A_save_based_on_a_stale_version_is_refused_and_changes_nothing()
    {
        var (record, commands) = Started(DateTimeOffset.UtcNow);
        await Store.CreateAsync(record, commands).WaitAsync(Timeout, TestContext.Current.CancellationToken);
        var prepared = StudyWorkflow.Apply(record.State, new DatasetsPrepared(["datasets/a/"]));
        var cancelled = StudyWorkflow.Apply(record.State, new CancelRequested("other writer"));

        var first = await Store.TrySaveAsync(prepared.State, record.State.Version, prepared.Commands).WaitAsync(Timeout, TestContext.Current.CancellationToken);
        var second = await Store.TrySaveAsync(cancelled.State, record.State.Version, cancelled.Commands).WaitAsync(Timeout, TestContext.Current.CancellationToken);

        Assert.True(first);
        Assert.False(second);
        var stored = await Store.GetAsync(record.RunId).WaitAsync(Timeout, TestContext.Current.CancellationToken);
        Assert.Equal(StudyStatus.Running, stored!.State.Status);
        Assert.Equal(record.State.Version + 1, stored.State.Version);
    }

    [Fact]
    public async Task Saving_an_unknown_run_throws()
    {
        var (record, _) = Started(DateTimeOffset.UtcNow);

        await Assert.ThrowsAsync<KeyNotFoundException>(() => Store.TrySaveAsync(record.State, 0, []).WaitAsync(Timeout, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task The_index_lists_newest_first()
    {
        // Far in the future, so no run another test creates now can come between them at the top of the index.
        var t0 = new DateTimeOffset(2300, 1, 1, 0, 0, 0, TimeSpan.Zero).AddMinutes(Random.Shared.Next(100_000));
        var runs = new[] { Started(t0), Started(t0.AddSeconds(2)), Started(t0.AddSeconds(1)) };
        foreach (var (record, commands) in runs)
            await Store.CreateAsync(record, commands).WaitAsync(Timeout, TestContext.Current.CancellationToken);

        var listed = await Store.ListAsync(3).WaitAsync(Timeout, TestContext.Current.CancellationToken);

        Assert.Equal([runs[1].Record.RunId, runs[2].Record.RunId, runs[0].Record.RunId], listed.Select(r => r.RunId));
    }

    [Fact]
    public async Task Commands_stay_in_the_outbox_until_marked_published()
    {
        var (record, commands) = Started(DateTimeOffset.UtcNow);
        await Store.CreateAsync(record, commands).WaitAsync(Timeout, TestContext.Current.CancellationToken);
        var prepared = StudyWorkflow.Apply(record.State, new DatasetsPrepared(["datasets/a/"]));
        await Store.TrySaveAsync(prepared.State, record.State.Version, prepared.Commands).WaitAsync(Timeout, TestContext.Current.CancellationToken);

        var pending = await Store.PendingCommandsAsync(record.RunId).WaitAsync(Timeout, TestContext.Current.CancellationToken);
        await Store.MarkPublishedAsync(record.RunId, record.State.Version).WaitAsync(Timeout, TestContext.Current.CancellationToken);
        var left = await Store.PendingCommandsAsync(record.RunId).WaitAsync(Timeout, TestContext.Current.CancellationToken);

        Assert.Equal([record.State.Version, prepared.State.Version], pending.Select(p => p.Version));
        Assert.Equal(commands, pending[0].Commands);
        Assert.Equal(prepared.Commands, pending[1].Commands); // EvaluateCheckpoint(stage 0) and TrainStage(1)
        Assert.Equal([prepared.State.Version], left.Select(p => p.Version));
    }

    [Fact]
    public async Task Metrics_are_kept_per_arm_stage_and_kind()
    {
        var (record, commands) = Started(DateTimeOffset.UtcNow);
        await Store.CreateAsync(record, commands).WaitAsync(Timeout, TestContext.Current.CancellationToken);

        await Store.SaveMetricsAsync(record.RunId, new StageMetrics("adamw_seed0", 1, StageMetricsKind.Training, new Dictionary<string, double> { ["loss"] = 3.0 })).WaitAsync(Timeout, TestContext.Current.CancellationToken);
        await Store.SaveMetricsAsync(record.RunId, new StageMetrics("adamw_seed0", 1, StageMetricsKind.Training, new Dictionary<string, double> { ["loss"] = 2.5 })).WaitAsync(Timeout, TestContext.Current.CancellationToken);
        await Store.SaveMetricsAsync(record.RunId, new StageMetrics("adamw_seed0", 1, StageMetricsKind.Evaluation, new Dictionary<string, double> { ["gsm8k_accuracy"] = 0.25 })).WaitAsync(Timeout, TestContext.Current.CancellationToken);
        var metrics = await Store.GetMetricsAsync(record.RunId).WaitAsync(Timeout, TestContext.Current.CancellationToken);

        Assert.Equal(2, metrics.Count);
        Assert.Equal(2.5, metrics["adamw_seed0/1/training"]["loss"]);
        Assert.Equal(0.25, metrics["adamw_seed0/1/evaluation"]["gsm8k_accuracy"]);
    }
}
