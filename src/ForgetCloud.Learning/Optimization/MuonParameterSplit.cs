using ForgetCloud.Contracts.Configuration;

namespace ForgetCloud.Learning.Optimization;

/// <summary>
/// Decides, from a parameter's Hugging Face name and shape alone, whether Muon or the auxiliary AdamW updates it:
/// Muon takes every 2-D matrix (attention and MLP projections in full fine-tuning; LoRA's lora_A and lora_B), except
/// matrices with a name segment <c>embed_tokens</c> or <c>lm_head</c> (embeddings and the output head are lookup
/// tables / a classifier, not hidden linear maps). AdamW takes those and every non-2-D tensor (norm weights, biases).
/// Each LoRA factor is orthogonalised on its own, as the r x in and out x r matrix it is: Muon never sees the
/// product B·A (the weight change), so "Muon under LoRA" means two orthogonalised factor updates, not an orthogonal
/// update of the adapted weight. <see cref="MuonLoraFactors.BOnly"/> hands lora_A to the auxiliary AdamW.
/// </summary>
public static class MuonParameterSplit
{
    /// <summary>Dot-separated name segments that mark a 2-D parameter as AdamW's.</summary>
    public static IReadOnlyList<string> AdamWNameSegments { get; } = ["embed_tokens", "lm_head"];

    /// <summary>The name segment of LoRA's down-projection factor.</summary>
    public const string LoraASegment = "lora_A";

    public static OptimizerUpdateRule RuleFor(string name, IReadOnlyList<long> shape, MuonLoraFactors loraFactors = MuonLoraFactors.Both)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(shape);
        if (shape.Count != 2)
        {
            return OptimizerUpdateRule.AdamW;
        }

        if (loraFactors == MuonLoraFactors.BOnly && name.Split('.').Contains(LoraASegment, StringComparer.Ordinal))
        {
            return OptimizerUpdateRule.AdamW;
        }

        return name.Split('.').Any(segment => AdamWNameSegments.Contains(segment, StringComparer.Ordinal))
            ? OptimizerUpdateRule.AdamW
            : OptimizerUpdateRule.Muon;
    }
}
