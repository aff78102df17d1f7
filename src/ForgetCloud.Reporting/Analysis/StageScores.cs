using ForgetCloud.Reporting.Scores;

namespace ForgetCloud.Reporting.Analysis;

/// <summary>Both test sets' scores of one arm's model at one stage (0 = base, 1, 2 = after that stage).</summary>
public sealed record StageScores(int Stage, string? Checkpoint, Gsm8kScores Gsm8k, AquaRatScores AquaRat)
{
    /// <summary>The original framework's stage name: <c>base</c>, <c>stage1</c>, <c>stage2</c>.</summary>
    public string StageName => StageNames.Of(Stage);
}
