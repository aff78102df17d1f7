namespace ForgetCloud.Api.Runs;

/// <summary>Metrics a worker reported for one stage of one arm: the latest training metrics, or the evaluation's headline numbers.</summary>
public sealed record StageMetrics(string ArmId, int Stage, StageMetricsKind Kind, IReadOnlyDictionary<string, double> Values)
{
    public string Key => KeyOf(ArmId, Stage, Kind);

    public static string KeyOf(string armId, int stage, StageMetricsKind kind) =>
        $"{armId}/{stage}/{(kind == StageMetricsKind.Training ? "training" : "evaluation")}";
}

public enum StageMetricsKind
{
    Training,
    Evaluation,
}
