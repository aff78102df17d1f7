using ForgetCloud.Reporting.Analysis;
using ForgetCloud.Reporting.Scores;

namespace ForgetCloud.Reporting.History;

/// <summary>The content of <c>evaluation_history.json</c>: one entry per arm and stage, arm-major.</summary>
public sealed record EvaluationHistory(int SchemaVersion, PrimaryMetrics PrimaryMetrics, IReadOnlyList<EvaluationHistoryEntry> Entries)
{
    public const int CurrentSchemaVersion = 1;

    /// <summary>The entries of an analysis: the very score objects of <c>final_results.json</c>, so the two files
    /// cannot disagree.</summary>
    public static EvaluationHistory FromAnalysis(StudyAnalysis analysis, AnalysisOptions options)
    {
        ArgumentNullException.ThrowIfNull(analysis);
        ArgumentNullException.ThrowIfNull(options);
        var entries = analysis.Arms
            .SelectMany(arm => arm.Stages.Select(s => new EvaluationHistoryEntry(
                arm.ArmId,
                arm.Optimizer,
                arm.Seed,
                s.Stage,
                s.StageName,
                s.Checkpoint,
                s.Gsm8k,
                s.AquaRat,
                new SortedDictionary<string, IReadOnlyDictionary<string, double>>(StringComparer.Ordinal)
                {
                    [TaskNames.Gsm8k] = s.Gsm8k.SeedMetrics(options.Gsm8kAccuracy),
                    [TaskNames.AquaRat] = s.AquaRat.SeedMetrics(),
                })))
            .ToArray();
        return new EvaluationHistory(CurrentSchemaVersion, analysis.PrimaryMetrics, entries);
    }
}
