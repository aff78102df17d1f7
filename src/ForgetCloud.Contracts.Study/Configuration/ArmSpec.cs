namespace ForgetCloud.Contracts.Configuration;

/// <summary>
/// One arm of a study: one optimizer with one seed, trained through both stages. The one arm type of the whole system:
/// the workflow's options, the bus messages, the analysis and the report files all name arms with it.
/// </summary>
/// <param name="Id">
/// The original framework's arm names: <c>adamw</c>/<c>muon</c> when each optimizer runs one seed, <c>adamw_seed42</c>
/// etc. when several (<see cref="For"/>); a safe single path component (output subfolders, blob paths).
/// </param>
/// <param name="Optimizer">The config spelling of the optimizer: <c>adamw</c> or <c>muon</c>.</param>
/// <param name="Seed">The arm's seed.</param>
public sealed record ArmSpec(string Id, string Optimizer, int Seed)
{
    /// <summary>The conventional arm: id <c>adamw</c> when it is its optimizer's only seed, else <c>adamw_seed42</c>.</summary>
    public static ArmSpec For(OptimizerKind optimizer, int seed, bool onlySeed = false)
    {
        var name = ConfigNames.Of(optimizer);
        return new(onlySeed ? name : $"{name}_seed{seed}", name, seed);
    }

    /// <summary>The config this arm trains with: the study's config with the arm's optimizer and seed.</summary>
    public StudyConfig ConfigFor(StudyConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        if (!ConfigNames.TryParseOptimizer(Optimizer, out var kind))
            throw new ArgumentException($"arm '{Id}' has the unknown optimizer '{Optimizer}'; expected adamw or muon");
        return config with { Optimizer = config.Optimizer with { Type = kind }, Seed = Seed };
    }
}
