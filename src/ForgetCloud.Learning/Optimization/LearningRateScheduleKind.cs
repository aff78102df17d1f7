namespace ForgetCloud.Learning.Optimization;

/// <summary>What the learning rate does after warmup.</summary>
public enum LearningRateScheduleKind
{
    /// <summary>Stays at the base learning rate.</summary>
    Constant,

    /// <summary>Falls linearly from the base rate toward base * MinLrRatio.</summary>
    Linear,

    /// <summary>Falls along half a cosine from the base rate toward base * MinLrRatio.</summary>
    Cosine,
}
