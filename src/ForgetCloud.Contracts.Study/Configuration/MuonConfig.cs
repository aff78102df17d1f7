namespace ForgetCloud.Contracts.Configuration;

/// <summary>
/// <c>optimizer.muon</c>. The original framework's keys (beta1, beta2, eps, mu) don't describe Muon itself:
/// beta1/beta2/eps configure the auxiliary AdamW that updates what Muon doesn't (embeddings, head, norms, biases),
/// and <c>mu</c> has no counterpart (accepted, unused, reported once as a warning by the loader). Muon's own
/// settings are momentum, nesterov, ns_steps and adjust_lr_to_match_adamw.
/// </summary>
public sealed record MuonConfig
{
    /// <summary><c>beta1</c>: the auxiliary AdamW's first-moment decay, in [0, 1).</summary>
    public double Beta1 { get; init; } = 0.9;

    /// <summary><c>beta2</c>: the auxiliary AdamW's second-moment decay, in [0, 1).</summary>
    public double Beta2 { get; init; } = 0.999;

    /// <summary><c>eps</c>: the auxiliary AdamW's epsilon (&gt; 0).</summary>
    public double Eps { get; init; } = 1e-8;

    /// <summary><c>mu</c>: the original framework's key, with no meaning in Muon; kept so a seed config round-trips. Null when absent.</summary>
    public double? Mu { get; init; }

    /// <summary><c>momentum</c>: Muon's momentum coefficient, in [0, 1).</summary>
    public double Momentum { get; init; } = 0.95;

    /// <summary><c>nesterov</c>: use the Nesterov form of the momentum.</summary>
    public bool Nesterov { get; init; } = true;

    /// <summary><c>ns_steps</c>: quintic Newton–Schulz iterations (≥ 1).</summary>
    public int NsSteps { get; init; } = 5;

    /// <summary>
    /// <c>adjust_lr_to_match_adamw</c>: scale Muon's step by 0.2·sqrt(max(rows, cols)) so its update RMS matches
    /// AdamW's and both optimizers use the stage's learning_rate.
    /// </summary>
    public bool AdjustLrToMatchAdamW { get; init; } = true;

    /// <summary>
    /// <c>lora_factors</c>: with LoRA, which factors Muon orthogonalises. <c>both</c> (default) treats lora_A and
    /// lora_B as two independent matrices (each step orthogonalises each factor's update, not the product B·A);
    /// <c>b_only</c> leaves lora_A to the auxiliary AdamW. Ignored without LoRA.
    /// </summary>
    public MuonLoraFactors LoraFactors { get; init; } = MuonLoraFactors.Both;
}
