namespace ForgetCloud.Learning.Optimization;

/// <summary>
/// Linear warmup, then constant, linear or cosine decay: a pure function of the step, so a resumed run needs only
/// the step number. Steps are 0-based optimizer steps in [0, TotalSteps).
/// <list type="bullet">
/// <item>warmup (step &lt; W): lr = base * (step + 1) / W. Unlike Hugging Face's schedulers the first step is not
/// taken at lr 0 and step W-1 reaches the base rate.</item>
/// <item>after warmup: progress p = (step - W) / (TotalSteps - W) in [0, 1); with r = MinLrRatio,
/// linear: base * (r + (1 - r)(1 - p)); cosine: base * (r + (1 - r) * (1 + cos(pi p)) / 2); constant: base.</item>
/// </list>
/// </summary>
public sealed record LearningRateSchedule
{
    public LearningRateSchedule(
        LearningRateScheduleKind kind, double baseLearningRate, long totalSteps, long warmupSteps = 0, double minLrRatio = 0)
    {
        if (!Enum.IsDefined(kind))
        {
            throw new ArgumentException($"Unknown learning-rate schedule kind {kind}.", nameof(kind));
        }

        OptionChecks.Positive(baseLearningRate, "learning_rate");
        if (totalSteps < 1)
        {
            throw new ArgumentException($"The schedule needs total_steps >= 1; got {totalSteps}.", nameof(totalSteps));
        }

        if (warmupSteps < 0 || warmupSteps > totalSteps)
        {
            throw new ArgumentException(
                $"warmup_steps = {warmupSteps} is not allowed: it must lie in [0, total_steps = {totalSteps}].",
                nameof(warmupSteps));
        }

        if (!double.IsFinite(minLrRatio) || minLrRatio < 0 || minLrRatio > 1)
        {
            throw new ArgumentException($"min_lr_ratio = {minLrRatio} is not allowed: it must lie in [0, 1].", nameof(minLrRatio));
        }

        Kind = kind;
        BaseLearningRate = baseLearningRate;
        TotalSteps = totalSteps;
        WarmupSteps = warmupSteps;
        MinLrRatio = minLrRatio;
    }

    public LearningRateScheduleKind Kind { get; }

    public double BaseLearningRate { get; }

    public long TotalSteps { get; }

    public long WarmupSteps { get; }

    public double MinLrRatio { get; }

    public double LearningRateAt(long step)
    {
        if (step < 0 || step >= TotalSteps)
        {
            throw new ArgumentOutOfRangeException(nameof(step), step, $"The step must lie in [0, {TotalSteps}).");
        }

        if (step < WarmupSteps)
        {
            return BaseLearningRate * (step + 1) / WarmupSteps;
        }

        var progress = (double)(step - WarmupSteps) / (TotalSteps - WarmupSteps);
        var decay = Kind switch
        {
            LearningRateScheduleKind.Constant => 1.0,
            LearningRateScheduleKind.Linear => 1 - progress,
            LearningRateScheduleKind.Cosine => 0.5 * (1 + Math.Cos(Math.PI * progress)),
            _ => throw new InvalidOperationException($"Unknown schedule kind {Kind}."),
        };
        return Kind == LearningRateScheduleKind.Constant
            ? BaseLearningRate
            : BaseLearningRate * (MinLrRatio + (1 - MinLrRatio) * decay);
    }
}
