using ForgetCloud.Learning.Data;

namespace ForgetCloud.Learning.Execution;

/// <summary>Everything a study reads from the datasets: both stages' training data and both test sets (whole; the
/// evaluation applies <c>evaluation.max_examples</c>).</summary>
public sealed record PreparedDatasets(
    PreparedStageData Stage1,
    PreparedStageData Stage2,
    IReadOnlyList<Gsm8kExample> Gsm8kTest,
    IReadOnlyList<AquaRatExample> AquaRatTest)
{
    /// <summary>The split used for evaluation in both datasets.</summary>
    public const string TestSplit = "test";

    /// <summary>Stage 1 or 2's training data.</summary>
    public PreparedStageData Stage(int stage) => stage switch
    {
        1 => Stage1,
        2 => Stage2,
        _ => throw new ArgumentOutOfRangeException(nameof(stage), stage, "a study trains stages 1 and 2"),
    };
}
