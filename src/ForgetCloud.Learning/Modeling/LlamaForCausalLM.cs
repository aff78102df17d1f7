using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace ForgetCloud.Learning.Modeling;

/// <summary>
/// A Llama-architecture causal LM whose state-dict names equal Hugging Face's (<c>model.embed_tokens.weight</c>,
/// <c>model.layers.{i}.self_attn.q_proj.weight</c>, ..., <c>lm_head.weight</c> unless embeddings are tied).
/// Parameters are created uninitialized: call <see cref="InitializeRandom"/> or load a checkpoint.
/// </summary>
public sealed class LlamaForCausalLM : nn.Module<Tensor, Tensor>
{
    private readonly LlamaModel model;
    private readonly Linear? lm_head;

    /// <param name="device">where the parameters are allocated (default: the CPU); nothing is copied between devices later.</param>
    public LlamaForCausalLM(LlamaConfig config, ScalarType dtype = ScalarType.Float32, Device? device = null) : base(nameof(LlamaForCausalLM))
    {
        if (dtype is not (ScalarType.Float32 or ScalarType.BFloat16 or ScalarType.Float16))
            throw new ArgumentException($"model dtype must be float32, bfloat16 or float16, not {dtype}");
        Config = config.Validate();
        DType = dtype;
        device ??= CPU;
        model = new LlamaModel(config, dtype, device);
        if (!config.TieWordEmbeddings) lm_head = nn.Linear(config.HiddenSize, config.VocabSize, hasBias: false, device: device, dtype: dtype);
        RegisterComponents();
    }

    public LlamaConfig Config { get; }

    /// <summary>Where the parameters live; inputs, masks and caches are made there.</summary>
    public Device Device => HeadWeight.device;

    /// <summary>
    /// How many LoRA adapters have been merged into the base weights in this process (PEFT's merge_and_unload), so
    /// an adapter saved now records that it needs that base (<see cref="Lora.PeftAdapterFormat"/>).
    /// </summary>
    public int MergedLoraAdapters { get; internal set; }
    public ScalarType DType { get; }
    public LlamaModel Model => model;

    /// <summary>The output projection [vocab, hidden]: <c>lm_head.weight</c>, or the embedding when tied.</summary>
    public Parameter HeadWeight => lm_head?.weight ?? model.EmbedTokens.weight!;

    /// <summary>All projections that LoRA may target, keyed by their HF module path
    /// (e.g. <c>model.layers.0.self_attn.q_proj</c>).</summary>
    public IEnumerable<(string Path, string Kind, LlamaLinear Linear)> Projections()
    {
        for (var i = 0; i < model.Layers.Count; i++)
        {
            foreach (var (kind, linear) in model.Layers[i].SelfAttention.Projections) yield return ($"model.layers.{i}.self_attn.{kind}", kind, linear);
            foreach (var (kind, linear) in model.Layers[i].Mlp.Projections) yield return ($"model.layers.{i}.mlp.{kind}", kind, linear);
        }
    }

    /// <summary>Hugging Face's init: every matrix and the embedding ~ N(0, std), biases 0, norms 1;
    /// deterministic for a given seed.</summary>
    public void InitializeRandom(long seed, double std = 0.02)
    {
        using var noGrad = no_grad();
        var generator = new Generator((ulong)seed);
        foreach (var (name, p) in named_parameters())
        {
            if (name.EndsWith("layernorm.weight", StringComparison.Ordinal) || name == "model.norm.weight") p.fill_(1);
            else if (name.EndsWith(".bias", StringComparison.Ordinal)) p.zero_();
            else if (name.Contains(".lora_", StringComparison.Ordinal))
                throw new InvalidOperationException("initialize the base model before attaching LoRA adapters");
            else
            {
                // Draw in fp32 so a seed gives the same values whatever the model dtype.
                using var values = randn(p.shape, ScalarType.Float32, generator: generator);
                p.copy_(values.mul_(std));
            }
        }
    }

    /// <summary>Logits [B, T, vocab] in fp32 for input ids [B, T].</summary>
    public override Tensor forward(Tensor inputIds) => Forward(inputIds);

    /// <summary>Logits [B, T, vocab] in fp32 (see <see cref="LlamaModel.Forward"/> for mask and cache).</summary>
    public Tensor Forward(Tensor inputIds, Tensor? attentionMask = null, KvCache? cache = null)
    {
        using var scope = NewDisposeScope();
        var hidden = model.Forward(inputIds, attentionMask, cache);
        var logits = nn.functional.linear(hidden, HeadWeight);
        return logits.to_type(ScalarType.Float32).MoveToOuterDisposeScope();
    }

    /// <summary>A cache sized for this model's layers.</summary>
    public KvCache CreateCache(long capacity = 256) => new(Config.NumHiddenLayers, capacity);
}
