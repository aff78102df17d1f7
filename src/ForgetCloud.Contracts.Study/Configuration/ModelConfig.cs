namespace ForgetCloud.Contracts.Configuration;

/// <summary>The <c>model</c> section: which model to fine-tune and how (LoRA or full fine-tuning).</summary>
public sealed record ModelConfig
{
    /// <summary>
    /// <c>model.name</c>: a preset name (<c>tiny</c>, <c>smoke</c>), a model directory (absolute after loading:
    /// relative paths resolve against the config file's directory) or a Hugging Face hub id. Default: the original
    /// framework's <c>meta-llama/Llama-3.2-1B</c>.
    /// </summary>
    public string Name { get; init; } = "meta-llama/Llama-3.2-1B";

    /// <summary><c>model.source</c>: how <see cref="Name"/> is read; resolved from <c>auto</c> when loaded.</summary>
    public ModelSourceKind Source { get; init; } = ModelSourceKind.Hub;

    /// <summary>
    /// <c>model.tokenizer</c>: null = the model's own tokenizer (a preset names one; a directory or hub id holds
    /// one). Otherwise a tokenizer name known to ForgetCloud.Learning (no path separator, e.g. <c>gpt2</c>) or an
    /// absolute path (after loading) to a tokenizer file or a directory holding one.
    /// </summary>
    public string? Tokenizer { get; init; }

    /// <summary><c>model.use_lora</c>: true trains LoRA adapters on a frozen base; false is full fine-tuning.</summary>
    public bool UseLora { get; init; } = true;

    /// <summary><c>model.lora_rank</c>: the LoRA rank r (≥ 1).</summary>
    public int LoraRank { get; init; } = 16;

    /// <summary><c>model.lora_alpha</c>: LoRA's alpha (&gt; 0); adapters are scaled by alpha / r.</summary>
    public double LoraAlpha { get; init; } = 32;

    /// <summary><c>model.lora_dropout</c>: dropout on the adapter input during training, in [0, 1).</summary>
    public double LoraDropout { get; init; } = 0.1;

    /// <summary><c>model.target_modules</c>: the projections that get adapters (a non-empty subset of <see cref="DatasetCatalog.LoraTargetModules"/>).</summary>
    public ValueList<string> TargetModules { get; init; } = new(DatasetCatalog.LoraTargetModules);

    /// <summary><c>model.lora_stage2_mode</c>: what stage 2 does with stage 1's adapters.</summary>
    public LoraStage2Mode LoraStage2Mode { get; init; } = LoraStage2Mode.Continue;

    /// <summary>
    /// <c>model.load_in_4bit</c>: store the frozen base's decoder projections in 4 bits and dequantize each one in its
    /// forward pass (QLoRA); needs <c>use_lora: true</c>. Embeddings, norms and the LM head stay in <c>dtype</c>.
    /// </summary>
    public bool LoadIn4Bit { get; init; }

    /// <summary><c>model.bnb_4bit_quant_type</c>: the 4-bit codebook, <c>nf4</c> (QLoRA's) or <c>fp4</c>.</summary>
    public FourBitQuantType Bnb4BitQuantType { get; init; } = FourBitQuantType.Nf4;

    /// <summary><c>model.bnb_4bit_use_double_quant</c>: also quantize the per-block absmax constants (8 bits, blocks of 256).</summary>
    public bool Bnb4BitUseDoubleQuant { get; init; }

    /// <summary><c>model.bnb_4bit_compute_dtype</c>: the dtype the 4-bit weights are dequantized to; <c>auto</c> = the model's resolved <c>dtype</c>.</summary>
    public Precision Bnb4BitComputeDtype { get; init; } = Precision.Auto;

    /// <summary>LoRA's scaling factor alpha / r.</summary>
    public double LoraScaling => LoraAlpha / LoraRank;
}
