namespace ForgetCloud.Reporting.Analysis;

/// <summary>
/// Two arms with the same seed and different optimizers. Differences are second minus first, with paired bootstrap
/// CIs (the same item indices for both arms and all stages).
/// </summary>
public sealed record OptimizerComparison(
    int Seed,
    string FirstArm,
    string FirstOptimizer,
    string SecondArm,
    string SecondOptimizer,
    IReadOnlyList<McNemarComparison> McNemar,
    IReadOnlyList<DifferenceEstimate> AccuracyDifferences,
    IReadOnlyList<DifferenceEstimate> NllDifferences);
