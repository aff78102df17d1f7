namespace ForgetCloud.Contracts.Configuration;

/// <summary>The learning-rate shape after warmup (<c>training.stageN.lr_scheduler_type</c>).</summary>
public enum LrSchedulerType
{
    /// <summary><c>linear</c>: linear decay from the peak to 0 at the stage's last step (the original framework's schedule).</summary>
    Linear,

    /// <summary><c>cosine</c>: half-cosine decay from the peak to 0 at the stage's last step.</summary>
    Cosine,

    /// <summary><c>constant</c>: the peak learning rate after warmup until the end.</summary>
    Constant,
}
