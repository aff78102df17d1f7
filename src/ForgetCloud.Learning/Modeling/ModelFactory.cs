using static TorchSharp.torch;

namespace ForgetCloud.Learning.Modeling;

/// <summary>Builds a ready model from a resolved <see cref="ModelSource"/>.</summary>
public static class ModelFactory
{
    public static LlamaForCausalLM Create(ModelPreset preset, ScalarType dtype = ScalarType.Float32, Device? device = null)
    {
        var model = new LlamaForCausalLM(preset.Config, dtype, device);
        model.InitializeRandom(preset.Seed);
        return model;
    }

    /// <summary>The model of <paramref name="source"/>, its parameters allocated on <paramref name="device"/> (default
    /// CPU) in <paramref name="dtype"/>; checkpoint tensors are copied in one by one, so no second copy of the base exists.</summary>
    public static LlamaForCausalLM Load(ModelSource source, ScalarType dtype = ScalarType.Float32, Device? device = null) =>
        source.Preset is { } preset ? Create(preset, dtype, device) : LlamaCheckpoint.Load(source.Directory!, dtype, device);
}
