using static TorchSharp.torch;

namespace ForgetCloud.Learning.Modeling;

/// <summary>Builds a ready model from a resolved <see cref="ModelSource"/>.</summary>
public static class ModelFactory
{
    public static LlamaForCausalLM Create(ModelPreset preset, ScalarType dtype = ScalarType.Float32)
    {
        var model = new LlamaForCausalLM(preset.Config, dtype);
        model.InitializeRandom(preset.Seed);
        return model;
    }

    public static LlamaForCausalLM Load(ModelSource source, ScalarType dtype = ScalarType.Float32) =>
        source.Preset is { } preset ? Create(preset, dtype) : LlamaCheckpoint.Load(source.Directory!, dtype);
}
