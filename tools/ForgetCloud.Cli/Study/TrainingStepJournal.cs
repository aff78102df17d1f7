using System.Text.Json;
using ForgetCloud.Learning.Training;

namespace ForgetCloud.Cli.Study;

/// <summary>
/// Every optimizer step of every arm as JSON Lines (<c>study_training_steps.jsonl</c>), appended as training runs, so
/// training_history.json covers all steps of a study that was stopped and resumed. Steps re-run after a resume
/// (those after the last checkpoint) replace the earlier lines for the same (arm, stage, step).
/// </summary>
internal sealed class TrainingStepJournal(string path)
{
    // A skipped step has a non-finite gradient norm or loss; it is journaled as it happened.
    private static readonly JsonSerializerOptions Json = TrainingStepRecordJson.Options;

    private sealed record Line(string Arm, TrainingStepRecord Record);

    public void Append(string armId, TrainingStepRecord record)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.AppendAllText(path, JsonSerializer.Serialize(new Line(armId, record), Json) + "\n");
    }

    /// <summary>Per arm, its records by (stage, step), the last line of each step winning.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<TrainingStepRecord>> Read()
    {
        var byArm = new Dictionary<string, SortedDictionary<(int, long), TrainingStepRecord>>(StringComparer.Ordinal);
        if (File.Exists(path))
        {
            var number = 0;
            foreach (var text in File.ReadLines(path))
            {
                number++;
                if (text.Length == 0) continue;
                Line line;
                try
                {
                    line = JsonSerializer.Deserialize<Line>(text, Json) ?? throw new JsonException("null line");
                }
                catch (JsonException e)
                {
                    // A crash can cut the last line short; anything else is damage worth reporting.
                    if (number == File.ReadLines(path).Count()) break;
                    throw new CliException($"{path} line {number}: {ErrorBoundary.OneLine(e.Message)}", e);
                }

                if (!byArm.TryGetValue(line.Arm, out var steps)) byArm[line.Arm] = steps = [];
                steps[(line.Record.Stage, line.Record.Step)] = line.Record;
            }
        }

        return byArm.ToDictionary(kv => kv.Key, kv => (IReadOnlyList<TrainingStepRecord>)[.. kv.Value.Values], StringComparer.Ordinal);
    }
}
