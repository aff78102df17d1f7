using System.Globalization;
using System.Text.Json;
using ForgetCloud.Contracts.Api;

namespace ForgetCloud.Cli.Remote;

/// <summary>The run commands' human and JSON output.</summary>
public static class RunText
{
    private static readonly JsonSerializerOptions Json = new(ForgetCloudApiJson.CreateOptions()) { WriteIndented = true };
    private static readonly string[] StageNames = ["base", "GSM8K", "AQUA-RAT"];

    /// <summary>The value as the Api's JSON (snake_case, enums as strings), indented.</summary>
    public static string ToJson<T>(T value) => JsonSerializer.Serialize(value, Json);

    public static void WriteList(TextWriter output, IReadOnlyList<RunSummary> runs)
    {
        if (runs.Count == 0)
        {
            output.WriteLine("no runs");
            return;
        }
        var rows = runs.Select(r => new[]
        {
            r.RunId,
            Status.Of(r.Status),
            Percent(r.Progress),
            r.CreatedAt.ToUniversalTime().ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
            string.Join(",", r.Arms),
            r.StatusReason ?? "",
        }).ToList();
        string[] header = ["RUN", "STATUS", "PROGRESS", "CREATED (UTC)", "ARMS", "REASON"];
        var widths = header.Select((h, i) => rows.Select(r => r[i].Length).Append(h.Length).Max()).ToArray();
        string Line(string[] cells) => string.Join("  ", cells.Select((c, i) => i == 2 ? c.PadLeft(widths[i]) : c.PadRight(widths[i]))).TrimEnd();
        output.WriteLine(Line(header));
        foreach (var row in rows) output.WriteLine(Line(row));
    }

    public static void WriteDetails(TextWriter output, RunDetails run)
    {
        var p = run.Progress;
        output.WriteLine($"run {run.RunId}: {Status.Of(run.Status)}, {Percent(p.Fraction)} done (evaluations {p.EvaluationsDone}/{p.EvaluationsTotal}, trainings {p.TrainingsDone}/{p.TrainingsTotal})");
        if (run.StatusReason is { Length: > 0 } reason) output.WriteLine($"reason: {reason}");
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"created {run.CreatedAt.ToUniversalTime():yyyy-MM-dd HH:mm:ss} UTC; version {run.Version}"));
        if (run.ConfigRef is { } config) output.WriteLine($"config: {config}");
        foreach (var arm in run.Arms)
        {
            output.WriteLine($"arm {arm.ArmId} ({arm.Optimizer}, seed {arm.Seed})");
            foreach (var stage in arm.Stages)
            {
                var label = $"stage {stage.Stage} ({(stage.Stage is >= 0 and < 3 ? StageNames[stage.Stage] : "?")}):";
                var parts = new List<string> { Status.Of(stage.Status) };
                if (stage.TotalSteps is { } total) parts.Add($"step {stage.Step}/{total}");
                else if (stage.Step > 0) parts.Add($"step {stage.Step}");
                if (stage.TrainingAttempt > 1) parts.Add($"training attempt {stage.TrainingAttempt}");
                if (stage.EvaluationAttempt > 1) parts.Add($"evaluation attempt {stage.EvaluationAttempt}");
                if (stage.TrainingMetrics.Count > 0) parts.Add("train " + Metrics(stage.TrainingMetrics));
                if (stage.EvaluationMetrics.Count > 0) parts.Add("eval " + Metrics(stage.EvaluationMetrics));
                if (stage.FinalCheckpoint is { } checkpoint) parts.Add($"checkpoint {checkpoint.Location}");
                if (stage.LastFailure is { Length: > 0 } failure) parts.Add($"last failure: {failure}");
                output.WriteLine($"  {label,-20}{string.Join("  ", parts)}");
            }
        }
        if (run.ReportRef is { } report) output.WriteLine($"results: {report}");
    }

    public static string Percent(double fraction) => string.Create(CultureInfo.InvariantCulture, $"{fraction * 100:0.0}%");

    private static string Metrics(IReadOnlyDictionary<string, double> metrics) =>
        string.Join(" ", metrics.OrderBy(m => m.Key, StringComparer.Ordinal)
            .Select(m => string.Create(CultureInfo.InvariantCulture, $"{m.Key}={m.Value:G5}")));
}
