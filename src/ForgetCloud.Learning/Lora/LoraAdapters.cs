using ForgetCloud.Learning.Modeling;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace ForgetCloud.Learning.Lora;

/// <summary>Attaches, merges and unmerges LoRA adapters on a <see cref="LlamaForCausalLM"/>.</summary>
public static class LoraAdapters
{
    /// <summary>
    /// Freezes every base parameter and attaches fp32 adapters to the targeted projections: A ~ U(-1/sqrt(in),
    /// 1/sqrt(in)) (PEFT's kaiming_uniform with a = sqrt(5)), B = 0, so the adapted model starts equal to the base.
    /// </summary>
    public static void Apply(LlamaForCausalLM model, LoraConfig config, long seed)
    {
        config.Validate();
        if (model.Projections().Any(p => p.Linear.Lora is not null)) throw new InvalidOperationException("the model already carries LoRA adapters");
        foreach (var (_, p) in model.named_parameters()) p.requires_grad = false;
        var generator = new Generator((ulong)seed);
        foreach (var (_, kind, linear) in model.Projections())
        {
            if (!config.TargetModules.Contains(kind)) continue;
            var bound = 1.0 / Math.Sqrt(linear.InFeatures);
            // Drawn on the CPU generator and moved: the same seed gives the same adapters on every device.
            using var drawn = rand([config.Rank, linear.InFeatures], ScalarType.Float32, generator: generator);
            var a = drawn.mul(2 * bound).sub_(bound).to(linear.Device);
            var b = zeros([linear.OutFeatures, config.Rank], ScalarType.Float32, linear.Device);
            linear.AttachLora(new Parameter(a, requires_grad: true), new Parameter(b, requires_grad: true), config.Scale, config.Dropout);
        }
    }

    /// <summary>Adds every adapter's scale * B A into its base weight (forward then skips the adapters).</summary>
    public static void Merge(LlamaForCausalLM model)
    {
        foreach (var (_, _, linear) in Adapted(model)) linear.MergeLora();
    }

    /// <summary>Undoes <see cref="Merge"/>.</summary>
    public static void Unmerge(LlamaForCausalLM model)
    {
        foreach (var (_, _, linear) in Adapted(model)) linear.UnmergeLora();
    }

    /// <summary>Merges every adapter into its base weight and removes the adapters (PEFT's merge_and_unload), so fresh
    /// adapters can be attached; the base weights stay frozen.</summary>
    public static void MergeAndUnload(LlamaForCausalLM model)
    {
        foreach (var (_, _, linear) in Adapted(model))
        {
            if (!linear.Lora!.Merged) linear.MergeLora();
            linear.RemoveMergedLora();
        }

        model.MergedLoraAdapters++;
    }

    /// <summary>The projections that carry adapters, with their HF module paths.</summary>
    public static IReadOnlyList<(string Path, string Kind, LlamaLinear Linear)> Adapted(LlamaForCausalLM model)
    {
        var adapted = model.Projections().Where(p => p.Linear.Lora is not null).ToList();
        return adapted.Count > 0 ? adapted : throw new InvalidOperationException("the model carries no LoRA adapters");
    }
}
