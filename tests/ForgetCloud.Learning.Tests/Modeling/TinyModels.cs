using ForgetCloud.Learning.Modeling;
using static TorchSharp.torch;

namespace ForgetCloud.Learning.Tests.Modeling;

internal static class TinyModels
{
    public static LlamaConfig Config(int layers = 1, int heads = 2, int kvHeads = 1, bool tied = false, RopeScaling? scaling = null) => new()
    {
        VocabSize = 32,
        HiddenSize = 8,
        IntermediateSize = 12,
        NumHiddenLayers = layers,
        NumAttentionHeads = heads,
        NumKeyValueHeads = kvHeads,
        HeadDim = 4,
        RmsNormEps = 1e-5,
        RopeTheta = 10000,
        RopeScaling = scaling,
        MaxPositionEmbeddings = 64,
        TieWordEmbeddings = tied,
        EosTokenIds = [31],
    };

    /// <summary>Random model with norms perturbed away from 1 so their weights matter in comparisons.</summary>
    public static LlamaForCausalLM Create(LlamaConfig config, long seed = 7, ScalarType dtype = ScalarType.Float32)
    {
        var model = new LlamaForCausalLM(config, dtype);
        model.InitializeRandom(seed, std: 0.3);
        using var noGrad = no_grad();
        var g = new Generator((ulong)seed + 1);
        foreach (var (name, p) in model.named_parameters())
            if (name.EndsWith("norm.weight", StringComparison.Ordinal))
            {
                using var noise = rand(p.shape, ScalarType.Float32, generator: g);
                p.copy_(noise + 0.5);
            }
        return model;
    }

    public static float[] Values(Tensor t) => t.detach().to_type(ScalarType.Float32).cpu().contiguous().data<float>().ToArray();

    public static Tensor Ids(params long[] ids) => tensor(ids).unsqueeze(0);
}
