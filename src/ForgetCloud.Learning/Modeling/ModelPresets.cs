namespace ForgetCloud.Learning.Modeling;

/// <summary>The built-in presets. Their vocabularies match GPT-2 tokenizers truncated to their first merges.</summary>
public static class ModelPresets
{
    /// <summary>For unit tests: runs in milliseconds.</summary>
    public static ModelPreset Smoke { get; } = new("smoke", new LlamaConfig
    {
        VocabSize = 512,
        HiddenSize = 64,
        IntermediateSize = 172,
        NumHiddenLayers = 2,
        NumAttentionHeads = 4,
        NumKeyValueHeads = 2,
        HeadDim = 16,
        RmsNormEps = 1e-5,
        RopeTheta = 10000,
        MaxPositionEmbeddings = 256,
        TieWordEmbeddings = false,
        EosTokenIds = [511],
    }.Validate(), "gpt2-512", Seed: 1234, "d=64, 2 layers, 4 heads / 2 kv heads, vocab 512, untied head");

    /// <summary>The default study model: sized from the throughput table in PLATFORM.md (vocab 8192 keeps the
    /// head from dominating a training step on 2 CPU cores).</summary>
    public static ModelPreset Tiny { get; } = new("tiny", new LlamaConfig
    {
        VocabSize = 8192,
        HiddenSize = 256,
        IntermediateSize = 688,
        NumHiddenLayers = 4,
        NumAttentionHeads = 4,
        NumKeyValueHeads = 2,
        HeadDim = 64,
        RmsNormEps = 1e-5,
        RopeTheta = 10000,
        MaxPositionEmbeddings = 1024,
        TieWordEmbeddings = true,
        EosTokenIds = [8191],
    }.Validate(), "gpt2-8k", Seed: 1234, "d=256, 4 layers, 4 heads / 2 kv heads, FFN 688, vocab 8192, tied embeddings");

    public static IReadOnlyList<ModelPreset> All { get; } = [Smoke, Tiny];

    public static bool TryGet(string name, out ModelPreset preset)
    {
        preset = All.FirstOrDefault(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase))!;
        return preset is not null;
    }

    public static ModelPreset Get(string name) => TryGet(name, out var preset)
        ? preset
        : throw new ArgumentException($"unknown model preset '{name}' (known: {string.Join(", ", All.Select(p => p.Name))})");
}
