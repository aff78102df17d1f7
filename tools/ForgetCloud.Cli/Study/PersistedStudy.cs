using System.Collections.Immutable;
using System.Text.Json;
using System.Text.Json.Serialization;
using ForgetCloud.Learning.Study;

namespace ForgetCloud.Cli.Study;

/// <summary>
/// <c>study_state.json</c>: the workflow state after the last transition, the commands not yet finished, and what the
/// report needs from earlier processes (start time, wall times). Written atomically after every transition, so a
/// study stopped at any point (Ctrl-C, a crash) restarts from its last accepted event. A study that failed keeps, in
/// <see cref="RetryFrom"/>, the state and commands from just before the failing work, so running the same command again
/// retries that work instead of reporting the failure for ever.
/// </summary>
internal sealed record PersistedStudy(
    int SchemaVersion,
    string Fingerprint,
    DateTimeOffset StartTime,
    StudyState State,
    ImmutableArray<StudyCommand> Pending,
    ImmutableDictionary<string, double> DurationsSeconds,
    StudyCheckpoint? RetryFrom = null)
{
    // 2: resume points moved from the arms to the options, arm ids follow the one convention, RetryFrom.
    public const int CurrentSchemaVersion = 2;

    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
    };

    public static PersistedStudy? TryLoad(string path)
    {
        if (!File.Exists(path)) return null;
        try
        {
            var loaded = JsonSerializer.Deserialize<PersistedStudy>(File.ReadAllText(path), Json)
                ?? throw new JsonException("the file holds null");
            if (loaded.SchemaVersion != CurrentSchemaVersion)
                throw new JsonException($"schema_version {loaded.SchemaVersion}, expected {CurrentSchemaVersion}");
            return loaded;
        }
        catch (JsonException e)
        {
            throw new CliException($"{path} is not a readable study state ({ErrorBoundary.OneLine(e.Message)}); choose another --output-dir or delete the file to start over", e);
        }
    }

    /// <summary>Writes beside the target, flushes to disk, then renames over it: a reader sees the old or the new file.</summary>
    public void Save(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temporary = path + ".tmp";
        using (var stream = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None))
        {
            JsonSerializer.Serialize(stream, this, Json);
            stream.Flush(flushToDisk: true);
        }

        File.Move(temporary, path, overwrite: true);
    }
}

/// <summary>The workflow state and the commands still to run at one point of a study.</summary>
internal sealed record StudyCheckpoint(StudyState State, ImmutableArray<StudyCommand> Pending);
