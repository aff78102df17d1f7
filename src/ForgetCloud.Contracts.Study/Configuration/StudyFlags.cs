namespace ForgetCloud.Contracts.Configuration;

/// <summary>
/// The original framework's command-line flags (<c>--config --compare-optimizers --optimizer --resume-stage1
/// --resume-stage2 --skip-training --output-dir</c>) plus ForgetCloud's <c>--seeds</c>, as one record shared by the
/// CLI and the HTTP API, with the rules that turn them and a config into a study's arms.
/// </summary>
public sealed record StudyFlags
{
    /// <summary><c>--config</c>: the config file; null = the caller's default (<c>config.yaml</c>).</summary>
    public string? ConfigPath { get; init; }

    /// <summary><c>--compare-optimizers</c>: run both optimizers, AdamW then Muon, on the same config.</summary>
    public bool CompareOptimizers { get; init; }

    /// <summary><c>--optimizer</c>: overrides <c>optimizer.type</c>.</summary>
    public OptimizerKind? Optimizer { get; init; }

    /// <summary><c>--resume-stage1 DIR</c>: resume stage 1 from this checkpoint directory.</summary>
    public string? ResumeStage1 { get; init; }

    /// <summary><c>--resume-stage2 DIR</c>: resume stage 2 from this checkpoint directory (stage 1 is taken as done).</summary>
    public string? ResumeStage2 { get; init; }

    /// <summary><c>--skip-training</c>: evaluate the model as loaded, without training.</summary>
    public bool SkipTraining { get; init; }

    /// <summary><c>--output-dir DIR</c>: sets logging.log_dir, tensorboard_dir and save_dir to DIR/logs, DIR/tensorboard_logs, DIR/checkpoints.</summary>
    public string? OutputDir { get; init; }

    /// <summary><c>--seeds N</c>: overrides <c>seeds</c> (seeds per optimizer arm).</summary>
    public int? Seeds { get; init; }

    /// <summary>
    /// Contradictory or out-of-range flags, each as an error whose path is the flag (e.g. <c>--seeds</c>):
    /// --optimizer with --compare-optimizers; both resume flags; a resume flag with --skip-training; --seeds below 1.
    /// </summary>
    public IReadOnlyList<ConfigError> Validate()
    {
        var errors = new List<ConfigError>();
        if (CompareOptimizers && Optimizer is not null)
            errors.Add(new ConfigError("--optimizer", "cannot be combined with --compare-optimizers, which runs both adamw and muon"));
        if (ResumeStage1 is not null && ResumeStage2 is not null)
            errors.Add(new ConfigError("--resume-stage2", "cannot be combined with --resume-stage1: a study resumes one stage"));
        if (SkipTraining && (ResumeStage1 ?? ResumeStage2) is not null)
            errors.Add(new ConfigError("--skip-training", "cannot be combined with --resume-stage1/--resume-stage2, which resume training"));
        if (Seeds is < 1)
            errors.Add(new ConfigError("--seeds", $"must be >= 1 (got {Seeds})"));
        return errors;
    }

    /// <summary>
    /// The config with the flags applied: --optimizer sets optimizer.type; --output-dir sets the three logging
    /// directories; --seeds sets seeds. Other flags don't change the config. Throws
    /// <see cref="StudyConfigException"/> when <see cref="Validate"/> finds errors.
    /// </summary>
    public StudyConfig ApplyTo(StudyConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        ThrowIfInvalid();
        var result = config;
        if (Optimizer is { } optimizer)
            result = result with { Optimizer = result.Optimizer with { Type = optimizer } };
        if (OutputDir is { } dir)
        {
            result = result with
            {
                Logging = result.Logging with
                {
                    LogDir = Path.Combine(dir, "logs"),
                    TensorboardDir = Path.Combine(dir, "tensorboard_logs"),
                    SaveDir = Path.Combine(dir, "checkpoints"),
                },
            };
        }
        if (Seeds is { } seeds) result = result with { Seeds = seeds };
        return result;
    }

    /// <summary>The optimizers the study runs: [adamw, muon] with --compare-optimizers, else [optimizer.type after overrides].</summary>
    public IReadOnlyList<OptimizerKind> Optimizers(StudyConfig config) =>
        CompareOptimizers ? [OptimizerKind.AdamW, OptimizerKind.Muon] : [ApplyTo(config).Optimizer.Type];

    /// <summary>
    /// The study's arms, optimizer-major: for each optimizer of <see cref="Optimizers"/>, seeds seed, seed+1, ...,
    /// seed+seeds-1 (after overrides). A resume flag with more than one arm is an error: a checkpoint belongs to one arm.
    /// </summary>
    public IReadOnlyList<ArmSpec> Arms(StudyConfig config)
    {
        var applied = ApplyTo(config);
        var optimizers = Optimizers(config);
        var armCount = optimizers.Count * applied.Seeds;
        if (armCount > 1 && (ResumeStage1 ?? ResumeStage2) is not null)
        {
            throw new StudyConfigException([new ConfigError(ResumeStage1 is not null ? "--resume-stage1" : "--resume-stage2",
                $"needs a single-arm study (one optimizer, one seed); this one has {armCount} arms")]);
        }
        return [.. optimizers.SelectMany(optimizer => Enumerable.Range(0, applied.Seeds)
            .Select(k => ArmSpec.For(optimizer, checked(applied.Seed + k), onlySeed: applied.Seeds == 1)))];
    }

    /// <summary>
    /// The config one arm of this study runs with in one process: its optimizer and seed and, when the study has more
    /// than one arm, logging directories in a subfolder named after the arm (as the original framework did for
    /// --compare-optimizers), so arms never share an output folder.
    /// </summary>
    public StudyConfig ArmConfig(StudyConfig config, ArmSpec arm)
    {
        ArgumentNullException.ThrowIfNull(arm);
        var armConfig = arm.ConfigFor(ApplyTo(config));
        if (Arms(config).Count == 1) return armConfig;
        var logging = armConfig.Logging;
        return armConfig with
        {
            Logging = logging with
            {
                LogDir = Path.Combine(logging.LogDir, arm.Id),
                TensorboardDir = Path.Combine(logging.TensorboardDir, arm.Id),
                SaveDir = Path.Combine(logging.SaveDir, arm.Id),
            },
        };
    }

    private void ThrowIfInvalid()
    {
        var errors = Validate();
        if (errors.Count > 0) throw new StudyConfigException(errors);
    }
}
