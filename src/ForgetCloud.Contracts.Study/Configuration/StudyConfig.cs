namespace ForgetCloud.Contracts.Configuration;

/// <summary>
/// A study's configuration: the original framework's <c>config.yaml</c> schema (model, training.stage1/stage2,
/// optimizer, evaluation, logging, device, mixed_precision) plus ForgetCloud's keys (seed, seeds, dtype, data and
/// the per-stage and per-section additions). Every property defaults to the original framework's value where it had
/// one. Load with <see cref="StudyConfigLoader"/>, which validates; a constructed instance is not validated.
/// </summary>
public sealed record StudyConfig
{
    /// <summary><c>model</c>.</summary>
    public ModelConfig Model { get; init; } = new();

    /// <summary><c>training</c>.</summary>
    public TrainingConfig Training { get; init; } = new();

    /// <summary><c>optimizer</c>.</summary>
    public OptimizerConfig Optimizer { get; init; } = new();

    /// <summary><c>evaluation</c>.</summary>
    public EvaluationConfig Evaluation { get; init; } = new();

    /// <summary><c>logging</c>.</summary>
    public LoggingConfig Logging { get; init; } = new();

    /// <summary><c>data</c>.</summary>
    public DataConfig Data { get; init; } = new();

    /// <summary><c>device</c>: auto, cpu, cuda or cuda:N.</summary>
    public DeviceSpec Device { get; init; } = DeviceSpec.Auto;

    /// <summary>
    /// <c>dtype</c>: auto (the default), bf16 or fp32. The original framework's <c>mixed_precision</c> is read too
    /// (true = bf16, false = fp32); a file may give either or both, but not contradicting ones.
    /// </summary>
    public Precision Dtype { get; init; } = Precision.Auto;

    /// <summary>The original framework's <c>mixed_precision</c>, derived from <see cref="Dtype"/>: null for auto, which
    /// is decided by the hardware.</summary>
    public bool? MixedPrecision => Dtype switch { Precision.Bf16 => true, Precision.Fp32 => false, _ => null };

    /// <summary><c>seed</c>: seeds initialization, shuffling, dropout and sampling (≥ 0). Arm k of a multi-seed study uses seed + k.</summary>
    public int Seed { get; init; } = 42;

    /// <summary><c>seeds</c>: how many seeds each optimizer arm runs (≥ 1); <c>--seeds</c> overrides it.</summary>
    public int Seeds { get; init; } = 1;
}
