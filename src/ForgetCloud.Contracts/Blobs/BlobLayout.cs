using System.Globalization;

namespace ForgetCloud.Contracts.Blobs;

/// <summary>
/// Where everything lives in the one blob container, as pure path functions shared by every service:
/// <c>datasets/&lt;hash&gt;/</c>, <c>models/&lt;name&gt;/</c>, <c>runs/&lt;run&gt;/config.yaml</c>,
/// <c>runs/&lt;run&gt;/&lt;arm&gt;/checkpoints/stage&lt;N&gt;/step_&lt;S&gt;/</c>, <c>runs/&lt;run&gt;/&lt;arm&gt;/eval/stage&lt;N&gt;.json</c>,
/// <c>runs/&lt;run&gt;/tensorboard/</c>, <c>runs/&lt;run&gt;/report/</c>. Prefixes ("directories") end in <c>/</c>.
/// Every name component is checked with <see cref="RequireComponent"/>, so no argument can move a path elsewhere.
/// </summary>
public static class BlobLayout
{
    /// <summary>The prefix of all datasets.</summary>
    public const string DatasetsRoot = "datasets/";

    /// <summary>The prefix of all runs.</summary>
    public const string RunsRoot = "runs/";

    /// <summary>The file name of the final results inside <see cref="Report"/>.</summary>
    public const string FinalResultsFileName = "final_results.json";

    /// <summary>Content-addressed shards of one prepared dataset: <c>datasets/&lt;hash&gt;/</c>.</summary>
    public static string Dataset(string contentHash) => $"{DatasetsRoot}{RequireComponent(contentHash, nameof(contentHash))}/";

    /// <summary>A model shared across runs (weights, tokenizer): <c>models/&lt;name&gt;/</c>.</summary>
    public static string Model(string name) => $"models/{RequireComponent(name, nameof(name))}/";

    /// <summary>Everything of one run: <c>runs/&lt;run&gt;/</c>.</summary>
    public static string Run(string runId) => $"{RunsRoot}{RequireComponent(runId, nameof(runId))}/";

    /// <summary>The config snapshot every worker of the run reads: <c>runs/&lt;run&gt;/config.yaml</c>.</summary>
    public static string RunConfig(string runId) => Run(runId) + "config.yaml";

    /// <summary>Everything of one arm: <c>runs/&lt;run&gt;/&lt;arm&gt;/</c>.</summary>
    public static string Arm(string runId, string armId) => $"{Run(runId)}{RequireComponent(armId, nameof(armId))}/";

    /// <summary>All checkpoints of one stage of one arm: <c>runs/&lt;run&gt;/&lt;arm&gt;/checkpoints/stage&lt;N&gt;/</c> (a resuming trainer lists it).</summary>
    public static string StageCheckpoints(string runId, string armId, int stage) =>
        $"{Arm(runId, armId)}checkpoints/stage{RequireStage(stage, trainedOnly: true)}/";

    /// <summary>One checkpoint: <c>runs/&lt;run&gt;/&lt;arm&gt;/checkpoints/stage&lt;N&gt;/step_&lt;S&gt;/</c>.</summary>
    public static string Checkpoint(string runId, string armId, int stage, int step)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(step);
        return $"{StageCheckpoints(runId, armId, stage)}step_{step.ToString(CultureInfo.InvariantCulture)}/";
    }

    /// <summary>
    /// The training step records of one stage of one arm, as JSON lines up to its newest checkpoint:
    /// <c>runs/&lt;run&gt;/&lt;arm&gt;/training/stage&lt;N&gt;.jsonl</c> (the report's training history and curves).
    /// </summary>
    public static string TrainingRecords(string runId, string armId, int stage) =>
        $"{Arm(runId, armId)}training/stage{RequireStage(stage, trainedOnly: true)}.jsonl";

    /// <summary>TensorBoard event files of one stage of one arm: <c>runs/&lt;run&gt;/tensorboard/&lt;arm&gt;/stage&lt;N&gt;/</c>.</summary>
    public static string StageTensorBoard(string runId, string armId, int stage) =>
        $"{TensorBoard(runId)}{RequireComponent(armId, nameof(armId))}/stage{RequireStage(stage, trainedOnly: true)}/";

    /// <summary>The evaluation folder of one arm: <c>runs/&lt;run&gt;/&lt;arm&gt;/eval/</c> (per-example records go beside the results).</summary>
    public static string EvaluationDirectory(string runId, string armId) => $"{Arm(runId, armId)}eval/";

    /// <summary>The evaluation result of one arm after one stage: <c>runs/&lt;run&gt;/&lt;arm&gt;/eval/stage&lt;N&gt;.json</c>.</summary>
    public static string Evaluation(string runId, string armId, int stage) =>
        $"{EvaluationDirectory(runId, armId)}stage{RequireStage(stage, trainedOnly: false)}.json";

    /// <summary>TensorBoard event files of the run: <c>runs/&lt;run&gt;/tensorboard/</c>.</summary>
    public static string TensorBoard(string runId) => Run(runId) + "tensorboard/";

    /// <summary>The analysis output (plots, JSON): <c>runs/&lt;run&gt;/report/</c>.</summary>
    public static string Report(string runId) => Run(runId) + "report/";

    /// <summary>The final results JSON: <c>runs/&lt;run&gt;/report/final_results.json</c>.</summary>
    public static string FinalResults(string runId) => Report(runId) + FinalResultsFileName;

    /// <summary>
    /// Parses a checkpoint prefix made by <see cref="Checkpoint"/> (the trailing <c>/</c> optional); false for
    /// anything else.
    /// </summary>
    public static bool TryParseCheckpoint(string location, out CheckpointPath checkpoint)
    {
        checkpoint = default!;
        if (string.IsNullOrEmpty(location))
            return false;
        var parts = location.TrimEnd('/').Split('/');
        if (parts.Length != 6 || parts[0] != "runs" || parts[3] != "checkpoints"
            || !IsComponent(parts[1]) || !IsComponent(parts[2])
            || !TryParseNumber(parts[4], "stage", out var stage) || stage is not (1 or 2)
            || !TryParseNumber(parts[5], "step_", out var step))
            return false;
        checkpoint = new CheckpointPath(parts[1], parts[2], stage, step);
        return true;
    }

    /// <summary>
    /// The blob name of a file inside a run, from a path relative to the run's folder as a client sends it. The path
    /// is percent-decoded once; it must then be relative, use <c>/</c> separators, and have no empty, <c>.</c> or
    /// <c>..</c> segment, backslash, colon, percent sign (double encoding) or control character. False with the
    /// reason otherwise.
    /// </summary>
    public static bool TryResolveArtifact(string runId, string relativePath, out string blobName, out string error)
    {
        blobName = "";
        if (!IsComponent(runId))
        {
            error = $"'{runId}' is not a valid run id.";
            return false;
        }
        if (string.IsNullOrEmpty(relativePath))
        {
            error = "the artifact path is empty.";
            return false;
        }
        string decoded;
        try
        {
            decoded = Uri.UnescapeDataString(relativePath);
        }
        catch (UriFormatException)
        {
            error = $"the artifact path '{relativePath}' is not validly percent-encoded.";
            return false;
        }
        if (decoded.Any(c => char.IsControl(c) || c is '\\' or ':' or '%'))
        {
            error = $"the artifact path '{relativePath}' contains a backslash, colon, percent sign or control character.";
            return false;
        }
        if (decoded.StartsWith('/'))
        {
            error = $"the artifact path '{relativePath}' is absolute; give it relative to the run's folder.";
            return false;
        }
        if (decoded.Split('/').Any(segment => segment is "" or "." or ".."))
        {
            error = $"the artifact path '{relativePath}' has an empty, '.' or '..' segment; it must stay inside the run's folder.";
            return false;
        }
        blobName = Run(runId) + decoded;
        error = "";
        return true;
    }

    /// <summary>
    /// True for a name usable as one path component: 1-128 characters from <c>A-Z a-z 0-9 . _ -</c>, not
    /// <c>.</c> or <c>..</c>.
    /// </summary>
    public static bool IsComponent(string? name) =>
        !string.IsNullOrEmpty(name) && name.Length <= 128 && name is not ("." or "..")
        && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-');

    /// <summary>Returns <paramref name="name"/> when <see cref="IsComponent"/>, else throws <see cref="ArgumentException"/> naming it.</summary>
    public static string RequireComponent(string name, string parameterName) =>
        IsComponent(name)
            ? name
            : throw new ArgumentException(
                $"'{name}' is not a valid blob path component (1-128 characters from A-Z a-z 0-9 . _ -, not '.' or '..').", parameterName);

    private static int RequireStage(int stage, bool trainedOnly)
    {
        var valid = trainedOnly ? stage is 1 or 2 : stage is >= 0 and <= 2;
        return valid
            ? stage
            : throw new ArgumentOutOfRangeException(nameof(stage), stage, trainedOnly ? "only stages 1 and 2 have checkpoints" : "stages are 0 (base), 1 and 2");
    }

    private static bool TryParseNumber(string text, string prefix, out int value)
    {
        value = 0;
        var digits = text.StartsWith(prefix, StringComparison.Ordinal) ? text[prefix.Length..] : null;
        // Digits only: "+5", " 5" or "05" would name a checkpoint Checkpoint() never writes.
        return digits is { Length: > 0 } && digits.All(char.IsAsciiDigit) && (digits.Length == 1 || digits[0] != '0')
               && int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out value);
    }
}
