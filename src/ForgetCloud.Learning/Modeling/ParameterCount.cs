namespace ForgetCloud.Learning.Modeling;

/// <summary>
/// Parameter counts from the architecture alone, no weights loaded: what Hugging Face's <c>num_parameters()</c> and
/// PEFT's <c>print_trainable_parameters()</c> report. The metadata of a 1B study and the allocator policy need them
/// before (or without) building a model.
/// </summary>
public static class ParameterCount
{
    /// <summary>Every weight of the model: embeddings, decoder layers, final norm, and the LM head unless tied.</summary>
    public static long Model(LlamaConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        long hidden = config.HiddenSize;
        var layer = Projections(config).Sum(p => p.In * p.Out)
                    + (config.AttentionBias ? Attention(config).Sum(p => p.Out) : 0)
                    + (config.MlpBias ? Mlp(config).Sum(p => p.Out) : 0)
                    + (2 * hidden); // input and post-attention RMSNorm
        var embedding = config.VocabSize * hidden;
        return embedding + (config.NumHiddenLayers * layer) + hidden + (config.TieWordEmbeddings ? 0 : embedding);
    }

    /// <summary>LoRA factors A (r x in) and B (out x r) on every <paramref name="targetModules"/> projection of every layer.</summary>
    public static long Lora(LlamaConfig config, int rank, IEnumerable<string> targetModules)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(targetModules);
        var targets = targetModules.ToHashSet(StringComparer.Ordinal);
        return config.NumHiddenLayers * Projections(config).Where(p => targets.Contains(p.Kind)).Sum(p => (long)rank * (p.In + p.Out));
    }

    private static IEnumerable<(string Kind, long In, long Out)> Projections(LlamaConfig config) => Attention(config).Concat(Mlp(config));

    private static IEnumerable<(string Kind, long In, long Out)> Attention(LlamaConfig c)
    {
        long hidden = c.HiddenSize, queries = (long)c.NumAttentionHeads * c.HeadDim, keys = (long)c.NumKeyValueHeads * c.HeadDim;
        return [("q_proj", hidden, queries), ("k_proj", hidden, keys), ("v_proj", hidden, keys), ("o_proj", queries, hidden)];
    }

    private static IEnumerable<(string Kind, long In, long Out)> Mlp(LlamaConfig c)
    {
        long hidden = c.HiddenSize, inner = c.IntermediateSize;
        return [("gate_proj", hidden, inner), ("up_proj", hidden, inner), ("down_proj", inner, hidden)];
    }
}
