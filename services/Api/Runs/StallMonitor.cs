using ForgetCloud.Api.Endpoints;
using ForgetCloud.Contracts.Api;

namespace ForgetCloud.Api.Runs;

/// <summary>
/// <see cref="StallRule"/> against the stored heartbeats and the Api's clock, when run details are read and for the
/// SSE feed: no timer of its own, so a stage is as stalled as the moment it is looked at.
/// </summary>
public sealed class StallMonitor(RedisRunStore store, ApiSettings settings, TimeProvider time)
{
    /// <summary>The run's details with heartbeats and stalled stages.</summary>
    public async Task<RunDetails> WithLivenessAsync(RunDetails details) =>
        StallRule.Apply(details, await store.GetHeartbeatsAsync(details.RunId).ConfigureAwait(false), time.GetUtcNow(), settings.StallTimeout);

    /// <summary>Every stage of the run with a heartbeat of the work in flight, stalled or not; empty for an unknown run.</summary>
    public async Task<IReadOnlyList<StageStall>> StagesInFlightAsync(string runId)
    {
        if (await store.GetAsync(runId).ConfigureAwait(false) is not { } record)
            return [];
        var details = await WithLivenessAsync(RunDetailsMapper.ToDetails(record, new Dictionary<string, IReadOnlyDictionary<string, double>>())).ConfigureAwait(false);
        return [.. details.Arms.SelectMany(arm => arm.Stages
            .Where(s => s.LastHeartbeat is not null)
            .Select(s => new StageStall(arm.ArmId, s.Stage, s.Status, s.LastHeartbeat!.Value)))];
    }
}
