namespace ForgetCloud.Contracts.Configuration;

/// <summary>What stage 2 does with stage 1's LoRA adapters (<c>model.lora_stage2_mode</c>).</summary>
public enum LoraStage2Mode
{
    /// <summary><c>continue</c>: stage 2 keeps training the same adapters (the original framework's behaviour).</summary>
    Continue,

    /// <summary><c>merge_and_new</c>: stage 1's adapters are merged into the base weights and stage 2 trains fresh adapters.</summary>
    MergeAndNew,
}
