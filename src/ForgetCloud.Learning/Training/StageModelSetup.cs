using ForgetCloud.Contracts.Configuration;
using ForgetCloud.Learning.Lora;
using ForgetCloud.Learning.Modeling;

namespace ForgetCloud.Learning.Training;

/// <summary>
/// Makes a model ready for a stage: full fine-tuning trains every weight; LoRA attaches adapters on a frozen base.
/// Stage 2 with LoRA continues the adapters the model carries (from stage 1, trained in this process or loaded with
/// <see cref="PeftAdapterFormat.Load"/>), or with <c>lora_stage2_mode: merge_and_new</c> merges them into the base
/// and attaches fresh ones.
/// </summary>
public static class StageModelSetup
{
    /// <summary>The LoRA settings of a config (PEFT's LoraConfig; base model = model.name).</summary>
    public static LoraConfig LoraConfigFor(ModelConfig model) => new()
    {
        Rank = model.LoraRank,
        Alpha = model.LoraAlpha,
        Dropout = model.LoraDropout,
        TargetModules = [.. model.TargetModules],
        BaseModelNameOrPath = model.Name,
    };

    /// <summary>Prepares <paramref name="model"/> for <paramref name="stage"/>; returns a line for the log.</summary>
    public static string Prepare(LlamaForCausalLM model, ModelConfig config, int stage, long seed)
    {
        if (stage is not (1 or 2)) throw new ArgumentOutOfRangeException(nameof(stage), stage, "a study has stages 1 and 2");
        var hasAdapters = model.Projections().Any(p => p.Linear.Lora is not null);
        if (!config.UseLora)
        {
            if (hasAdapters) throw new InvalidOperationException("model.use_lora is false but the model carries LoRA adapters; merge them first");
            foreach (var (_, p) in model.named_parameters()) p.requires_grad = true;
            return "full fine-tuning: every weight trains";
        }

        // A different seed per stage, so merge_and_new's fresh adapters don't repeat stage 1's initial A.
        var adapterSeed = seed + 7919L * stage;
        if (!hasAdapters)
        {
            LoraAdapters.Apply(model, LoraConfigFor(config), adapterSeed);
            return $"LoRA: new adapters r={config.LoraRank}, alpha={config.LoraAlpha} on {string.Join(", ", config.TargetModules)}";
        }

        if (stage == 2 && config.LoraStage2Mode == LoraStage2Mode.MergeAndNew)
        {
            LoraAdapters.MergeAndUnload(model);
            LoraAdapters.Apply(model, LoraConfigFor(config), adapterSeed);
            return "LoRA: stage 1 adapters merged into the base; fresh adapters for stage 2";
        }

        if (LoraAdapters.Adapted(model).Any(a => a.Linear.Lora!.Merged))
            throw new InvalidOperationException("the model's LoRA adapters are merged; unmerge them before training");
        return "LoRA: continuing the adapters the model carries";
    }
}
