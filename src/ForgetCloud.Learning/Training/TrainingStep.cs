using ForgetCloud.Learning.Data;
using ForgetCloud.Learning.Modeling;
using ForgetCloud.Learning.Optimization;
using static TorchSharp.torch;

namespace ForgetCloud.Learning.Training;

/// <summary>One optimizer step, the unit <see cref="StageTrainer"/> repeats (public for benchmarks and tests).</summary>
public static class TrainingStep
{
    /// <summary>One optimizer step over <paramref name="batches"/>; returns (token-weighted mean loss, gradient norm before clipping).
    /// On a non-finite norm the gradients are dropped and no update is made. Dropout draws from
    /// <paramref name="dropoutSeed"/> (<see cref="TrainingRandom.StepSeed"/>), so a step is the same wherever it runs.</summary>
    public static (double Loss, double GradNorm) Run(
        LlamaForCausalLM model, TrainableWeights weights, ITrainingOptimizer optimizer, IReadOnlyList<Batch> batches,
        double? maxGradNorm, double learningRate, bool gradientCheckpointing = false, long dropoutSeed = 0)
    {
        var scored = batches.Sum(b => b.ScoredTokens);
        if (scored == 0) throw new InvalidOperationException($"the step at {batches[0].Position} has no scored (answer) tokens");
        TrainingRandom.Seed(dropoutSeed, model.Device);
        var lossSum = ForwardBackward(model, weights, batches, scored, gradientCheckpointing, dropoutSeed);
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
    public static double ForwardBackward(
        LlamaForCausalLM model, TrainableWeights weights, IReadOnlyList<Batch> batches, long scoredTokens,
        bool gradientCheckpointing = false, long dropoutSeed = 0)
    {
        var lossSum = 0.0;
        for (var i = 0; i < batches.Count; i++)
        {
            lossSum += BatchBackward.Run(model, batches[i], 1.0 / scoredTokens, gradientCheckpointing, TrainingRandom.Mix(dropoutSeed, -1 - i));
            weights.AccumulateGradients();
        }

        return lossSum;
    }
}
