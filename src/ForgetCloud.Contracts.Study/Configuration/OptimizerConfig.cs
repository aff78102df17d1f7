namespace ForgetCloud.Contracts.Configuration;

/// <summary>The <c>optimizer</c> section.</summary>
public sealed record OptimizerConfig
{
    /// <summary><c>optimizer.type</c>: the optimizer of a single-arm study (<c>--optimizer</c> overrides it; <c>--compare-optimizers</c> runs both).</summary>
    public OptimizerKind Type { get; init; } = OptimizerKind.AdamW;

    /// <summary>
    /// <c>optimizer.decay_all_parameters</c>: false (default) applies the stage's weight decay only to 2-D weight
    /// matrices other than the embedding (projections, an untied head, LoRA factors), not to norms, biases or the
    /// embedding; true decays every trainable parameter.
    /// </summary>
    public bool DecayAllParameters { get; init; }

    /// <summary><c>optimizer.adamw</c>.</summary>
    public AdamWConfig AdamW { get; init; } = new();

    /// <summary><c>optimizer.muon</c>.</summary>
    public MuonConfig Muon { get; init; } = new();
}
