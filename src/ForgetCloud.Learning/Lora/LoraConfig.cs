namespace ForgetCloud.Learning.Lora;

/// <summary>LoRA hyper-parameters, mirroring PEFT's LoraConfig (scale = alpha / r).</summary>
public sealed record LoraConfig
{
    public static readonly IReadOnlyList<string> SupportedTargets =
        ["q_proj", "k_proj", "v_proj", "o_proj", "gate_proj", "up_proj", "down_proj"];

    public int Rank { get; init; } = 16;
    public double Alpha { get; init; } = 32;
    public double Dropout { get; init; } = 0.1;
    public IReadOnlyList<string> TargetModules { get; init; } = SupportedTargets;
    public string BaseModelNameOrPath { get; init; } = "";

    public double Scale => Alpha / Rank;

    public LoraConfig Validate()
    {
        if (Rank <= 0) throw new ArgumentException($"LoRA rank r must be positive (got {Rank})");
        if (Alpha <= 0) throw new ArgumentException($"LoRA alpha must be positive (got {Alpha})");
        if (Dropout is < 0 or >= 1) throw new ArgumentException($"LoRA dropout must lie in [0, 1) (got {Dropout})");
        if (TargetModules.Count == 0) throw new ArgumentException("LoRA target_modules is empty");
        var unknown = TargetModules.Where(t => !SupportedTargets.Contains(t)).ToList();
        if (unknown.Count > 0)
            throw new ArgumentException($"LoRA target_modules {string.Join(", ", unknown)} not supported (supported: {string.Join(", ", SupportedTargets)})");
        return this;
    }
}
