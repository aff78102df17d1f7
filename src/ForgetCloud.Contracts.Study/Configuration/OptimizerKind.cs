namespace ForgetCloud.Contracts.Configuration;

/// <summary>The optimizer of an arm (<c>optimizer.type</c>): <c>adamw</c> or <c>muon</c>.</summary>
public enum OptimizerKind
{
    /// <summary><c>adamw</c>: AdamW with decoupled weight decay.</summary>
    AdamW,

    /// <summary><c>muon</c>: Muon on 2-D weight matrices, an auxiliary AdamW on everything else.</summary>
    Muon,
}
