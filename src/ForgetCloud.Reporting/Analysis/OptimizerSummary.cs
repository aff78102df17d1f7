namespace ForgetCloud.Reporting.Analysis;

/// <summary>All arms of one optimizer (one per seed), summarized over seeds.</summary>
public sealed record OptimizerSummary(
    string Optimizer,
    IReadOnlyList<int> Seeds,
    IReadOnlyList<string> ArmIds,
    SeedMatrix Accuracy,
    SeedMatrix Nll);
