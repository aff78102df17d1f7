using StackExchange.Redis;

namespace ForgetCloud.Api.Runs;

/// <summary>
/// The Redis keys of the run store. One hash per run (<c>state</c> JSON, <c>version</c>, <c>created</c>), one
/// hash of commands saved but not yet published (field = the version that issued them), one hash of reported
/// metrics, one hash of the newest worker heartbeat per stage and work, a sorted set indexing runs by creation time, and a pub/sub channel feeding the SSE streams.
/// </summary>
public static class RunKeys
{
    public const string Prefix = "forgetcloud:";

    public static readonly RedisKey Index = Prefix + "runs";

    public static RedisKey Run(string runId) => $"{Prefix}run:{runId}";

    public static RedisKey Outbox(string runId) => $"{Prefix}run:{runId}:outbox";

    public static RedisKey Metrics(string runId) => $"{Prefix}run:{runId}:metrics";

    public static RedisKey Heartbeats(string runId) => $"{Prefix}run:{runId}:heartbeats";

    public static RedisChannel Events(string runId) => RedisChannel.Literal($"{Prefix}run:{runId}:events");
}
