using ForgetCloud.Learning.Metrics;

namespace ForgetCloud.Reporting.Analysis;

/// <summary>A statistic of one task's column of R: <see cref="Compute"/> gets R[stage] for that task.</summary>
internal sealed record DifferenceDefinition(string Name, StudyTask Task, string Formula, Func<Func<int, double>, double> Compute)
{
    public string TaskName => TaskNames.Of(Task);

    /// <summary>The single-task differences reported per arm; the same definitions as <see cref="ForgettingReport"/>.</summary>
    public static IReadOnlyList<DifferenceDefinition> PerArm(MetricDirection direction) =>
    [
        new("gsm8k_stage1_change", StudyTask.Gsm8k, "R[1][gsm8k] - R[0][gsm8k]", r => r(1) - r(0)),
        new("bwt", StudyTask.Gsm8k, "R[2][gsm8k] - R[1][gsm8k]", r => r(2) - r(1)),
        direction == MetricDirection.HigherIsBetter
            ? new("forgetting", StudyTask.Gsm8k, "R[1][gsm8k] - R[2][gsm8k]", r => r(1) - r(2))
            : new("forgetting", StudyTask.Gsm8k, "R[2][gsm8k] - R[1][gsm8k]", r => r(2) - r(1)),
        direction == MetricDirection.HigherIsBetter
            ? new("drop_from_best_including_base", StudyTask.Gsm8k, "max(R[0][gsm8k], R[1][gsm8k]) - R[2][gsm8k]", r => Math.Max(r(0), r(1)) - r(2))
            : new("drop_from_best_including_base", StudyTask.Gsm8k, "R[2][gsm8k] - min(R[0][gsm8k], R[1][gsm8k])", r => r(2) - Math.Min(r(0), r(1))),
        new("fwt", StudyTask.AquaRat, "R[1][aqua_rat] - R[0][aqua_rat]", r => r(1) - r(0)),
        new("aqua_rat_stage2_change", StudyTask.AquaRat, "R[2][aqua_rat] - R[1][aqua_rat]", r => r(2) - r(1)),
    ];

    /// <summary>What two optimizers are compared on: the per-arm differences and the final scores.</summary>
    public static IReadOnlyList<DifferenceDefinition> BetweenArms(MetricDirection direction) =>
    [
        .. PerArm(direction),
        new("gsm8k_final", StudyTask.Gsm8k, "R[2][gsm8k]", r => r(2)),
        new("aqua_rat_final", StudyTask.AquaRat, "R[2][aqua_rat]", r => r(2)),
    ];
}
