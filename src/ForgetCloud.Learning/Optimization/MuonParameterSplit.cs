namespace ForgetCloud.Learning.Optimization;

/// <summary>
/// Decides, from a parameter's Hugging Face name and shape alone, whether Muon or the auxiliary AdamW updates it:
/// Muon takes every 2-D matrix (attention and MLP projections in full fine-tuning; LoRA's lora_A and lora_B), except
/// matrices with a name segment <c>embed_tokens</c> or <c>lm_head</c> (embeddings and the output head are lookup
/// tables / a classifier, not hidden linear maps). AdamW takes those and every non-2-D tensor (norm weights, biases).
/// </summary>
public static class MuonParameterSplit
{
    /// <summary>Dot-separated name segments that mark a 2-D parameter as AdamW's.</summary>
    public static IReadOnlyList<string> AdamWNameSegments { get; } = ["embed_tokens", "lm_head"];

    public static OptimizerUpdateRule RuleFor(string name, IReadOnlyList<long> shape)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(shape);
        if (shape.Count != 2)
        {
            return OptimizerUpdateRule.AdamW;
        }

        return name.Split('.').Any(segment => AdamWNameSegments.Contains(segment, StringComparer.Ordinal))
            ? OptimizerUpdateRule.AdamW
            : OptimizerUpdateRule.Muon;
    }
}
