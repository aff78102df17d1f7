using ForgetCloud.Reporting.Scores;

namespace ForgetCloud.Reporting.History;

/// <summary>One evaluated model: one arm at one stage.</summary>
/// <param name="StageName"><c>base</c>, <c>stage1</c> or <c>stage2</c>.</param>
/// <param name="Metrics">The original framework's metric dictionaries, keyed <c>gsm8k</c> and <c>aqua_rat</c>.</param>
public sealed record EvaluationHistoryEntry(
    string ArmId,
    string Optimizer,
    int Seed,
    int Stage,
    string StageName,
    string? Checkpoint,
    Gsm8kScores Gsm8k,
    AquaRatScores AquaRat,
    IReadOnlyDictionary<string, IReadOnlyDictionary<string, double>> Metrics);
