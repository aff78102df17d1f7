using static TorchSharp.torch;

namespace ForgetCloud.Learning.Training;

/// <summary>
/// Next-token cross-entropy on answer tokens only. The logits at position t predict token t+1; a batch's label mask
/// is already shifted (1 at t when token t+1 is scored), so the loss uses logits[:, :-1], ids[:, 1:], mask[:, :-1].
/// </summary>
public static class MaskedTokenLoss
{
    /// <summary>Sum of the scored positions' token losses (a scalar fp32 tensor; divide by the scored-token count
    /// of the whole accumulated step to get the token-weighted mean).</summary>
    /// <param name="logits">[B, T, V]</param>
    /// <param name="inputIds">int64 [B, T]</param>
    /// <param name="labelMask">[B, T], shifted as in <see cref="Data.Batch.LabelMask"/></param>
    public static Tensor Sum(Tensor logits, Tensor inputIds, Tensor labelMask)
    {
        if (logits.dim() != 3 || inputIds.dim() != 2 || !labelMask.shape.SequenceEqual(inputIds.shape)
            || logits.shape[0] != inputIds.shape[0] || logits.shape[1] != inputIds.shape[1])
            throw new ArgumentException($"loss shapes do not fit: logits [{string.Join(", ", logits.shape)}], ids [{string.Join(", ", inputIds.shape)}], mask [{string.Join(", ", labelMask.shape)}]");
        using var scope = NewDisposeScope();
        var (batch, time, vocab) = (logits.shape[0], logits.shape[1], logits.shape[2]);
        var predicted = logits.narrow(1, 0, time - 1).reshape(batch * (time - 1), vocab).to_type(ScalarType.Float32);
        var targets = inputIds.narrow(1, 1, time - 1).reshape(batch * (time - 1));
        var weights = labelMask.narrow(1, 0, time - 1).reshape(batch * (time - 1)).to_type(ScalarType.Float32);
        var tokenLosses = nn.functional.cross_entropy(predicted, targets, reduction: nn.Reduction.None);
        return (tokenLosses * weights).sum().MoveToOuterDisposeScope();
    }
}
