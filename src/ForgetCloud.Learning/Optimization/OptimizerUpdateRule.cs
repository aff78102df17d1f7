namespace ForgetCloud.Learning.Optimization;

/// <summary>The update rule an optimizer applies to one parameter.</summary>
public enum OptimizerUpdateRule
{
    /// <summary>AdamW (the AdamW optimizer, or Muon's auxiliary AdamW).</summary>
    AdamW,

    /// <summary>Muon: momentum orthogonalized by Newton-Schulz (2-D matrices only).</summary>
    Muon,
}
