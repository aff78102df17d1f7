namespace ForgetCloud.Contracts.Configuration;

/// <summary>
/// The <c>logging</c> section: where outputs go and how often. Directories are kept as written and resolve against
/// the working directory when the study runs (like the original framework); <c>--output-dir DIR</c> sets all three
/// to DIR/logs, DIR/tensorboard_logs and DIR/checkpoints.
/// </summary>
public sealed record LoggingConfig
{
    /// <summary><c>log_dir</c>: training.log and the JSON/PNG results.</summary>
    public string LogDir { get; init; } = "./logs";

    /// <summary><c>tensorboard_dir</c>: TensorBoard event files.</summary>
    public string TensorboardDir { get; init; } = "./tensorboard_logs";

    /// <summary><c>save_dir</c>: stage checkpoints.</summary>
    public string SaveDir { get; init; } = "./checkpoints";

    /// <summary><c>log_interval</c>: optimizer steps between training log lines (≥ 1); TensorBoard gets every step.</summary>
    public int LogInterval { get; init; } = 10;

    /// <summary>
    /// <c>eval_interval</c>: the original framework's key (≥ 1), which it never used. Evaluation runs on the base
    /// model and after each stage; mid-stage evaluation is not done. Accepted so seed configs load.
    /// </summary>
    public int EvalInterval { get; init; } = 100;

    /// <summary>
    /// <c>save_interval</c>: save a checkpoint every this many optimizer steps (≥ 1), besides the one at the end of
    /// each stage (this is the "save_steps" of the issues).
    /// </summary>
    public int SaveInterval { get; init; } = 500;
}
