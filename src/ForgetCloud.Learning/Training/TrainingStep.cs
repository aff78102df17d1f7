using ForgetCloud.Learning.Data;
using ForgetCloud.Learning.Modeling;
using ForgetCloud.Learning.Optimization;
using static TorchSharp.torch;

namespace ForgetCloud.Learning.Training;

/// <summary>One optimizer step, the unit <see cref="StageTrainer"/> repeats (public for benchmarks and tests).</summary>
public static class TrainingStep
{
    /// <summary>One optimizer step over <paramref name="batches"/>; returns (token-weighted mean loss, gradient norm before clipping).
    /// On a non-finite norm the gradients are dropped and no update is made.</summary>
    public static (double Loss, double GradNorm) Run(
        LlamaForCausalLM model, TrainableWeights weights, ITrainingOptimizer optimizer, IReadOnlyList<Batch> batches,
        double? maxGradNorm, double learningRate)
    {
        var scored = batches.Sum(b => b.ScoredTokens);
        if (scored == 0) throw new InvalidOperationException($"the step at {batches[0].Position} has no scored (answer) tokens");
        var lossSum = ForwardBackward(model, weights, batches, scored);
        var masters = weights.Masters.Select(m => m.Parameter).ToList();
        var norm = maxGradNorm is { } max ? GradientClipping.ClipByGlobalNorm(masters, max) : GradientClipping.GlobalNorm(masters);
        if (double.IsFinite(norm) && double.IsFinite(lossSum))
        {
            optimizer.Step(learningRate);
            weights.CopyMastersToModel();
        }

        optimizer.ZeroGrad();
        return (lossSum / scored, norm);
    }

    /// <summary>Backward of sum(token losses) / <paramref name="scoredTokens"/> per batch, so gradients add up to the
    /// gradient of the step's token-weighted mean loss; returns the sum of token losses.</summary>
    public static double ForwardBackward(LlamaForCausalLM model, TrainableWeights weights, IReadOnlyList<Batch> batches, long scoredTokens)
    {
        var lossSum = 0.0;
        foreach (var batch in batches)
        {
            using var scope = NewDisposeScope();
            var ids = tensor(batch.InputIds, [batch.BatchSize, batch.SequenceLength]);
            var labels = tensor(batch.LabelMask, [batch.BatchSize, batch.SequenceLength]);
            // Right padding + causal attention: real positions never see padding, so no attention mask is needed
            // (and without one attention takes the fused causal path).
            var logits = model.Forward(ids);
            var sum = MaskedTokenLoss.Sum(logits, ids, labels);
            (sum / scoredTokens).backward();
            lossSum += sum.item<float>();
            weights.AccumulateGradients();
        }

        return lossSum;
    }
}
