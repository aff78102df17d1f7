using ForgetCloud.Learning.Quantization;
using static TorchSharp.torch;

namespace ForgetCloud.Learning.Modeling;

/// <summary>Builds a ready model from a resolved <see cref="ModelSource"/>.</summary>
public static class ModelFactory
{
    /// <summary>A preset with its seeded random weights; with <paramref name="fourBit"/>, its projections are then quantized.</summary>
    public static LlamaForCausalLM Create(ModelPreset preset, ScalarType dtype = ScalarType.Float32, Device? device = null, FourBitSpec? fourBit = null)
    {
        var model = new LlamaForCausalLM(preset.Config, dtype, device);
        model.InitializeRandom(preset.Seed);
        if (fourBit is not null)
            foreach (var (_, _, linear) in model.Projections()) linear.QuantizeTo4Bit(fourBit);
        return model;
    }

    /// <summary>The model of <paramref name="source"/>, its parameters allocated on <paramref name="device"/> (default
    /// CPU) in <paramref name="dtype"/>; checkpoint tensors are copied in one by one, so no second copy of the base exists.
    /// <paramref name="fourBit"/> stores the decoder projections in 4 bits (QLoRA's frozen base).</summary>
    public static LlamaForCausalLM Load(ModelSource source, ScalarType dtype = ScalarType.Float32, Device? device = null, FourBitSpec? fourBit = null) =>
        source.Preset is { } preset ? Create(preset, dtype, device, fourBit) : LlamaCheckpoint.Load(source.Directory!, dtype, device, fourBit);
}
