using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using ForgetCloud.Contracts.Configuration;
using ForgetCloud.Learning.Data;

namespace ForgetCloud.Learning.Evaluation;

/// <summary>
/// Per-example evaluation records as JSON Lines, one file per test set per stage (<c>gsm8k_stage1.jsonl</c>,
/// <c>aqua_rat_stage0.jsonl</c> for the base model). One object per line, snake_case keys: the record's fields, plus
/// its derived values (<c>answer_nll</c>, <c>correct</c>, ...) for tools that read the files directly. Reading
/// needs every field and ignores the derived ones (they are recomputed), so the two can never disagree.
/// </summary>
public static class EvaluationRecordFiles
{
    private static readonly JsonSerializerOptions WriteOptions = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        // An item with no scored tokens has NaN mean NLL; keep it visible rather than failing the write.
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        WriteIndented = false,
    };

    private static readonly JsonSerializerOptions ReadOptions = new(WriteOptions)
    {
        RespectRequiredConstructorParameters = true,
        RespectNullableAnnotations = true,
    };

    /// <summary>The file name of one test set's records after a stage (0 = base): <c>{dataset}_stage{N}.jsonl</c>.</summary>
    public static string FileName(DatasetKind dataset, int stage)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(stage);
        return $"{DatasetFiles.Name(dataset)}_stage{stage}.jsonl";
    }

    /// <summary>Writes both test sets' records into <paramref name="directory"/>; returns the two paths.</summary>
    public static (string Gsm8kPath, string AquaRatPath) WriteStage(string directory, StageEvaluation evaluation)
    {
        ArgumentNullException.ThrowIfNull(evaluation);
        Directory.CreateDirectory(directory);
        var gsm8k = Path.Combine(directory, FileName(DatasetKind.Gsm8k, evaluation.Stage));
        var aquaRat = Path.Combine(directory, FileName(DatasetKind.AquaRat, evaluation.Stage));
        WriteGsm8k(gsm8k, evaluation.Gsm8k);
        WriteAquaRat(aquaRat, evaluation.AquaRat);
        return (gsm8k, aquaRat);
    }

    /// <summary>Reads both test sets' records of one stage from <paramref name="directory"/>.</summary>
    public static StageEvaluation ReadStage(string directory, string armId, int stage, string? checkpoint) =>
        new(armId, stage, checkpoint,
            ReadGsm8k(Path.Combine(directory, FileName(DatasetKind.Gsm8k, stage))),
            ReadAquaRat(Path.Combine(directory, FileName(DatasetKind.AquaRat, stage))));

    public static void WriteGsm8k(string path, IEnumerable<Gsm8kItemResult> items) => Write(path, items);

    public static void WriteAquaRat(string path, IEnumerable<AquaRatItemResult> items) => Write(path, items);

    public static IReadOnlyList<Gsm8kItemResult> ReadGsm8k(string path) => Read<Gsm8kItemResult>(path, item =>
    {
        if (item.AnswerTokens < 0) throw new JsonException($"answer_tokens must be >= 0 (got {item.AnswerTokens})");
    });

    public static IReadOnlyList<AquaRatItemResult> ReadAquaRat(string path) => Read<AquaRatItemResult>(path, item =>
    {
        if (item.OptionLogLikelihoods.Count != AquaRatExample.Letters.Length)
            throw new JsonException($"option_log_likelihoods has {item.OptionLogLikelihoods.Count} values, expected {AquaRatExample.Letters.Length}");
        if (item.RationaleTokens < 0) throw new JsonException($"rationale_tokens must be >= 0 (got {item.RationaleTokens})");
    });

    private static void Write<T>(string path, IEnumerable<T> items)
    {
        ArgumentNullException.ThrowIfNull(items);
        // Write beside the target and move into place, so a reader never sees half a file.
        var temporary = path + ".tmp";
        using (var writer = new StreamWriter(temporary, append: false, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false)))
        {
            writer.NewLine = "\n";
            foreach (var item in items) writer.WriteLine(JsonSerializer.Serialize(item, WriteOptions));
        }

        File.Move(temporary, path, overwrite: true);
    }

    private static List<T> Read<T>(string path, Action<T> check)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"evaluation records not found: {path}", path);
        var result = new List<T>();
        var number = 0;
        foreach (var line in File.ReadLines(path, Encoding.UTF8))
        {
            number++;
            if (string.IsNullOrWhiteSpace(line)) throw new DataFormatException(path, number, "blank line");
            try
            {
                var item = JsonSerializer.Deserialize<T>(line, ReadOptions)
                    ?? throw new JsonException("the line holds null, not a record");
                check(item);
                result.Add(item);
            }
            catch (JsonException e)
            {
                throw new DataFormatException(path, number, $"bad {typeof(T).Name}: {e.Message}");
            }
        }

        return result;
    }
}
