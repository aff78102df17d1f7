namespace ForgetCloud.Contracts.Configuration;

/// <summary><c>optimizer.adamw</c>: AdamW's moment coefficients (the learning rate and weight decay come from the stage).</summary>
public sealed record AdamWConfig
{
    /// <summary><c>beta1</c>: first-moment decay, in [0, 1).</summary>
    public double Beta1 { get; init; } = 0.9;

    /// <summary><c>beta2</c>: second-moment decay, in [0, 1).</summary>
    public double Beta2 { get; init; } = 0.999;

    /// <summary><c>eps</c>: added to the denominator (&gt; 0).</summary>
    public double Eps { get; init; } = 1e-8;
}
