using ForgetCloud.Contracts.Configuration;

namespace ForgetCloud.Learning.Optimization;

/// <summary>Muon hyperparameters plus the auxiliary AdamW that updates the parameters Muon must not touch.</summary>
public sealed record MuonOptions
{
    /// <summary>mu of the momentum buffer m = mu*m + g.</summary>
    public double Momentum { get; init; } = 0.95;

    /// <summary>Nesterov: orthogonalize g + mu*m instead of m.</summary>
    public bool Nesterov { get; init; } = true;

    public int NewtonSchulzSteps { get; init; } = NewtonSchulz.DefaultSteps;

    /// <summary>Decoupled weight decay of the Muon matrices: p *= 1 - lr*WeightDecay (with the unadjusted lr). Every
    /// Muon matrix is a 2-D non-embedding weight, so it decays under <see cref="WeightDecayPolicy"/> too.</summary>
    public double WeightDecay { get; init; } = 0.01;

    /// <summary>
    /// On (default): the orthogonalized update is scaled by 0.2*sqrt(max(rows, cols)) (Moonlight), which gives it
    /// roughly AdamW's update RMS, so Muon and its auxiliary AdamW share the stage's learning_rate.
    /// Off: the reference scale sqrt(max(1, rows/cols)), which expects Muon-sized learning rates (~0.02).
    /// </summary>
    public bool AdjustLrToMatchAdamW { get; init; } = true;

    /// <summary>Which LoRA factors are Muon matrices (<c>optimizer.muon.lora_factors</c>); see <see cref="MuonParameterSplit"/>.</summary>
    public MuonLoraFactors LoraFactors { get; init; } = MuonLoraFactors.Both;

    /// <summary>Betas, eps and weight decay of the auxiliary AdamW (the original framework's muon.beta1/beta2/eps land here).</summary>
    public AdamWOptions AuxiliaryAdamW { get; init; } = new();

    /// <summary>
    /// The original framework's <c>muon.mu</c>, when its config had one. Muon has no such hyperparameter (the momentum is
    /// <see cref="Momentum"/>); the value is only reported through <see cref="MuonOptimizer.ConfigurationNotices"/>.
    /// </summary>
    public double? OriginalFrameworkMu { get; init; }

    /// <summary>Throws <see cref="ArgumentException"/> naming the first bad value; <paramref name="path"/> prefixes it.</summary>
    public void Validate(string path = "muon")
    {
        OptionChecks.InHalfOpenUnitInterval(Momentum, $"{path}.momentum");
        if (NewtonSchulzSteps < 1)
        {
            throw new ArgumentException($"{path}.ns_steps = {NewtonSchulzSteps} is not allowed: it must be >= 1.");
        }

        OptionChecks.NonNegative(WeightDecay, $"{path}.weight_decay");
        ArgumentNullException.ThrowIfNull(AuxiliaryAdamW);
        AuxiliaryAdamW.Validate(path);
    }
}
