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

    /// <summary>LoRA's scaling factor alpha / r.</summary>
    public double LoraScaling => LoraAlpha / LoraRank;
}
