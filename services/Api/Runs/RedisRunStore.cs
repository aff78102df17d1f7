using System.Collections.Immutable;
using System.Globalization;
using System.Text.Json;
using ForgetCloud.Contracts.Messages;
using ForgetCloud.Learning.Study;
using StackExchange.Redis;

namespace ForgetCloud.Api.Runs;

/// <summary>
/// Run state in Redis with optimistic concurrency: a save names the version it read and succeeds only if the
/// stored version is still that one (a Lua compare-and-set, atomic on the server). The commands a transition
/// issues are saved in the same script (an outbox keyed by the new version) and removed once published, so a
/// crash between saving and publishing loses no work: the next event for the run publishes them.
/// </summary>
public sealed class RedisRunStore(IConnectionMultiplexer redis)
{
    private const string StateField = "state";
    private const string VersionField = "version";
    private const string CreatedField = "created";

    // KEYS: run hash, index, outbox. ARGV: state, version, created (unix ms), run id, outbox JSON ('' = none).
    private const string CreateScript = """
        if redis.call('EXISTS', KEYS[1]) == 1 then return 0 end
        redis.call('HSET', KEYS[1], 'state', ARGV[1], 'version', ARGV[2], 'created', ARGV[3])
        redis.call('ZADD', KEYS[2], ARGV[3], ARGV[4])
        if ARGV[5] ~= '' then redis.call('HSET', KEYS[3], ARGV[2], ARGV[5]) end
        return 1
        """;

    // KEYS: run hash, outbox. ARGV: expected version, state, new version, outbox JSON ('' = none).
    // Returns 1 saved, 0 version conflict, -1 no such run.
    private const string CompareAndSetScript = """
        local current = redis.call('HGET', KEYS[1], 'version')
        if not current then return -1 end
        if current ~= ARGV[1] then return 0 end
        redis.call('HSET', KEYS[1], 'state', ARGV[2], 'version', ARGV[3])
        if ARGV[4] ~= '' then redis.call('HSET', KEYS[2], ARGV[3], ARGV[4]) end
        return 1
        """;

    // KEYS: run hash, heartbeats hash. ARGV: field, attempt, at (unix ms). Keeps the newest (attempt, at) per field, so a
    // beat the broker delivers late never hides a newer one; a beat for a run that does not exist is dropped.
    private const string HeartbeatScript = """
        if redis.call('EXISTS', KEYS[1]) == 0 then return -1 end
        local current = redis.call('HGET', KEYS[2], ARGV[1])
        if current then
            local attempt, at = string.match(current, '^(%d+):(%-?%d+)$')
            attempt, at = tonumber(attempt), tonumber(at)
            if attempt > tonumber(ARGV[2]) or (attempt == tonumber(ARGV[2]) and at >= tonumber(ARGV[3])) then return 0 end
        end
        redis.call('HSET', KEYS[2], ARGV[1], ARGV[2] .. ':' .. ARGV[3])
        return 1
        """;

    private readonly IDatabase _db = redis.GetDatabase();

    /// <summary>Stores a new run and indexes it; false when the id is taken.</summary>
    public async Task<bool> CreateAsync(RunRecord record, ImmutableArray<StudyCommand> commands)
    {
        var created = record.CreatedAt.ToUnixTimeMilliseconds();
        var result = await _db.ScriptEvaluateAsync(CreateScript,
            [RunKeys.Run(record.RunId), RunKeys.Index, RunKeys.Outbox(record.RunId)],
            [Serialize(record.State), Version(record.State.Version), created, record.RunId, SerializeOutbox(commands)]).ConfigureAwait(false);
        return (int)result == 1;
    }

    public async Task<RunRecord?> GetAsync(string runId)
    {
        if (!RunIds.IsWellFormed(runId))
            return null;
        var values = await _db.HashGetAsync(RunKeys.Run(runId), [StateField, CreatedField]).ConfigureAwait(false);
        if (values[0].IsNull)
            return null;
        var state = JsonSerializer.Deserialize<StudyState>(values[0].ToString())
                    ?? throw new InvalidDataException($"Run {runId}: the stored state is JSON null.");
        return new RunRecord(state, DateTimeOffset.FromUnixTimeMilliseconds((long)values[1]));
    }

    /// <summary>
    /// Saves <paramref name="next"/> if the stored version is still <paramref name="expectedVersion"/>, with the
    /// commands it issued in the outbox. False on a conflict; <see cref="KeyNotFoundException"/> for an unknown run.
    /// </summary>
    public async Task<bool> TrySaveAsync(StudyState next, long expectedVersion, ImmutableArray<StudyCommand> commands)
    {
        var result = (int)await _db.ScriptEvaluateAsync(CompareAndSetScript,
            [RunKeys.Run(next.StudyId), RunKeys.Outbox(next.StudyId)],
            [Version(expectedVersion), Serialize(next), Version(next.Version), SerializeOutbox(commands)]).ConfigureAwait(false);
        return result switch
        {
            1 => true,
            0 => false,
            _ => throw new KeyNotFoundException($"Run {next.StudyId} does not exist."),
        };
    }

    /// <summary>Commands saved but not yet published, by the version that issued them, oldest first.</summary>
    public async Task<IReadOnlyList<(long Version, ImmutableArray<StudyCommand> Commands)>> PendingCommandsAsync(string runId)
    {
        var entries = await _db.HashGetAllAsync(RunKeys.Outbox(runId)).ConfigureAwait(false);
        return [.. entries
            .Select(e => (Version: long.Parse(e.Name.ToString(), CultureInfo.InvariantCulture),
                          Commands: JsonSerializer.Deserialize<ImmutableArray<StudyCommand>>(e.Value.ToString())))
            .OrderBy(e => e.Version)];
    }

    /// <summary>Forgets the commands issued by <paramref name="version"/> once they are published.</summary>
    public Task MarkPublishedAsync(string runId, long version) =>
        _db.HashDeleteAsync(RunKeys.Outbox(runId), Version(version));

    /// <summary>Newest first.</summary>
    public async Task<IReadOnlyList<RunRecord>> ListAsync(int limit)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        var ids = await _db.SortedSetRangeByRankAsync(RunKeys.Index, 0, limit - 1, Order.Descending).ConfigureAwait(false);
        var records = await Task.WhenAll(ids.Select(id => GetAsync(id.ToString()))).ConfigureAwait(false);
        // An index entry without its run (deleted by hand) is skipped rather than failing the listing.
        return [.. records.OfType<RunRecord>()];
    }

    public Task SaveMetricsAsync(string runId, StageMetrics metrics) =>
        _db.HashSetAsync(RunKeys.Metrics(runId), metrics.Key, JsonSerializer.Serialize(metrics.Values));

    /// <summary>Every stored metrics entry of the run, by <see cref="StageMetrics.Key"/>.</summary>
    public async Task<IReadOnlyDictionary<string, IReadOnlyDictionary<string, double>>> GetMetricsAsync(string runId)
    {
        var entries = await _db.HashGetAllAsync(RunKeys.Metrics(runId)).ConfigureAwait(false);
        return entries.ToDictionary(
            e => e.Name.ToString(),
            e => (IReadOnlyDictionary<string, double>)(JsonSerializer.Deserialize<Dictionary<string, double>>(e.Value.ToString()) ?? []));
    }

    /// <summary>Records a worker's heartbeat unless a newer one of the same stage and work is stored; false when it is not newer or the run is unknown.</summary>
    public async Task<bool> RecordHeartbeatAsync(StageHeartbeat beat)
    {
        if (!RunIds.IsWellFormed(beat.RunId))
            return false;
        var result = (int)await _db.ScriptEvaluateAsync(HeartbeatScript,
            [RunKeys.Run(beat.RunId), RunKeys.Heartbeats(beat.RunId)],
            [RecordedHeartbeat.KeyOf(beat.ArmId, beat.Stage, beat.Work), beat.Attempt, beat.At.ToUnixTimeMilliseconds()]).ConfigureAwait(false);
        return result == 1;
    }

    /// <summary>The newest heartbeat of every stage and work of the run, by <see cref="RecordedHeartbeat.KeyOf"/>.</summary>
    public async Task<IReadOnlyDictionary<string, RecordedHeartbeat>> GetHeartbeatsAsync(string runId)
    {
        var entries = await _db.HashGetAllAsync(RunKeys.Heartbeats(runId)).ConfigureAwait(false);
        return entries.ToDictionary(e => e.Name.ToString(), e => RecordedHeartbeat.Parse(e.Value.ToString()));
    }

    private static string Serialize(StudyState state) => JsonSerializer.Serialize(state);

    private static string SerializeOutbox(ImmutableArray<StudyCommand> commands) =>
        commands.IsDefaultOrEmpty ? "" : JsonSerializer.Serialize(commands);

    private static string Version(long version) => version.ToString(CultureInfo.InvariantCulture);
}
