namespace ForgetCloud.Learning.Optimization;

/// <summary>AdamW hyperparameters (torch.optim.AdamW semantics; the learning rate comes per step).</summary>
public sealed record AdamWOptions
{
    public double Beta1 { get; init; } = 0.9;

    public double Beta2 { get; init; } = 0.999;

    public double Epsilon { get; init; } = 1e-8;

    /// <summary>Decoupled weight decay: each step first does p -= lr * WeightDecay * p.</summary>
    public double WeightDecay { get; init; } = 0.01;

    /// <summary>False (default): decay only what <see cref="WeightDecayPolicy.Decays"/> selects; true: every parameter
    /// (<c>optimizer.decay_all_parameters</c>).</summary>
    public bool DecayAllParameters { get; init; }

    /// <summary>Throws <see cref="ArgumentException"/> naming the first bad value; <paramref name="path"/> prefixes it.</summary>
    public void Validate(string path = "adamw")
    {
        OptionChecks.InHalfOpenUnitInterval(Beta1, $"{path}.beta1");
        OptionChecks.InHalfOpenUnitInterval(Beta2, $"{path}.beta2");
        OptionChecks.Positive(Epsilon, $"{path}.eps");
        OptionChecks.NonNegative(WeightDecay, $"{path}.weight_decay");
    }
}
