namespace ForgetCloud.Contracts.Configuration;

/// <summary>The <c>optimizer</c> section.</summary>
public sealed record OptimizerConfig
{
    /// <summary><c>optimizer.type</c>: the optimizer of a single-arm study (<c>--optimizer</c> overrides it; <c>--compare-optimizers</c> runs both).</summary>
    public OptimizerKind Type { get; init; } = OptimizerKind.AdamW;

    /// <summary><c>optimizer.adamw</c>.</summary>
    public AdamWConfig AdamW { get; init; } = new();

    /// <summary><c>optimizer.muon</c>.</summary>
    public MuonConfig Muon { get; init; } = new();
}
