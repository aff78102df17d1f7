namespace ForgetCloud.Contracts.Configuration;

/// <summary>The <c>training</c> section: the two stages, in order.</summary>
public sealed record TrainingConfig
{
    /// <summary><c>training.stage1</c>; default GSM8K.</summary>
    public StageConfig Stage1 { get; init; } = new() { Dataset = DatasetKind.Gsm8k };

    /// <summary><c>training.stage2</c>; default AQUA-RAT.</summary>
    public StageConfig Stage2 { get; init; } = new() { Dataset = DatasetKind.AquaRat };

    /// <summary>
    /// <c>training.gradient_checkpointing</c>: keep only each decoder layer's input during the forward pass and
    /// recompute the layer in backward (Hugging Face's <c>gradient_checkpointing</c>): activation memory falls from
    /// all layers' intermediates to one layer's, for about one more forward pass of compute. Default false.
    /// </summary>
    public bool GradientCheckpointing { get; init; }

    /// <summary>Stage 1 or 2 by number.</summary>
    public StageConfig Stage(int stage) => stage switch
    {
        1 => Stage1,
        2 => Stage2,
        _ => throw new ArgumentOutOfRangeException(nameof(stage), stage, "a study has stages 1 and 2"),
    };
}
