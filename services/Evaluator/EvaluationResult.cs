using System.Text.Json;

namespace ForgetCloud.Evaluator;

/// <summary>
/// <c>runs/&lt;run&gt;/&lt;arm&gt;/eval/stage&lt;N&gt;.json</c>: what was evaluated, where its per-example records are, and
/// the headline metrics. Uploaded after the records, so its existence means the evaluation is complete (the
/// idempotency key of (run, arm, stage)).
/// </summary>
/// <param name="Checkpoint">The evaluated checkpoint's blob prefix; null for the base model.</param>
/// <param name="Gsm8kRecords">Blob name of the GSM8K per-example records (JSON lines).</param>
/// <param name="AquaRatRecords">Blob name of the AQUA-RAT per-example records.</param>
/// <param name="Metrics">Headline metrics (<see cref="HeadlineMetrics"/>).</param>
/// <param name="ReusedFrom">For a base-model (stage 0) result copied from another arm of the run: that arm; else null.</param>
public sealed record EvaluationResult(
    int SchemaVersion,
    string RunId,
    string ArmId,
    int Stage,
    string? Checkpoint,
    string Gsm8kRecords,
    string AquaRatRecords,
    int Gsm8kItems,
    int AquaRatItems,
    IReadOnlyDictionary<string, double> Metrics,
    double DurationSeconds,
    string? ReusedFrom = null)
{
    public const int CurrentSchemaVersion = 1;

    public static JsonSerializerOptions Json { get; } = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        WriteIndented = true,
        RespectRequiredConstructorParameters = true,
    };

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    public static EvaluationResult Parse(string json, string blobName) =>
        JsonSerializer.Deserialize<EvaluationResult>(json, Json) ?? throw new InvalidDataException($"'{blobName}' holds null");
}
