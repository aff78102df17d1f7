using ForgetCloud.Api.Runs;
using ForgetCloud.Contracts.Messages;
using MassTransit;

namespace ForgetCloud.Api.Orchestration;

/// <summary>
/// Worker heartbeats -> the run store, beside the workflow rather than through it: a heartbeat changes no study state
/// and no version, so it costs no compare-and-set and never conflicts with the study's events. Its own receive endpoint,
/// so beats are not queued behind study events.
/// </summary>
public sealed class HeartbeatConsumer(RedisRunStore store) : IConsumer<StageHeartbeat>
{
    public Task Consume(ConsumeContext<StageHeartbeat> context) => store.RecordHeartbeatAsync(context.Message);
}
