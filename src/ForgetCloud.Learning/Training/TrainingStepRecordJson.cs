using System.Text.Json;
using System.Text.Json.Serialization;

namespace ForgetCloud.Learning.Training;

/// <summary>
/// The JSON form of <see cref="TrainingStepRecord"/> shared by the CLI's step journal and the workers' training
/// records blob: snake_case names, and named floating-point literals ("NaN", "Infinity") because a skipped step has
/// a non-finite gradient norm or loss and is recorded as it happened (System.Text.Json's defaults throw on it).
/// </summary>
public static class TrainingStepRecordJson
{
    public static JsonSerializerOptions Options { get; } = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    /// <summary>One record as one line of JSON (no newline).</summary>
    public static string Serialize(TrainingStepRecord record) => JsonSerializer.Serialize(record, Options);

    /// <summary>JSON Lines -> records, in order; blank lines are skipped.</summary>
    public static IReadOnlyList<TrainingStepRecord> ParseLines(string text) =>
        [.. text.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select((line, i) => JsonSerializer.Deserialize<TrainingStepRecord>(line, Options)
                                 ?? throw new InvalidDataException($"training record line {i + 1} holds null"))];
}
