namespace ForgetCloud.Contracts.Configuration;

/// <summary>
/// One arm of a study: one optimizer with one seed, and the complete config it runs with (optimizer.type and seed
/// set; with several arms, logging directories moved into a subfolder named <see cref="Name"/>).
/// </summary>
/// <param name="Name">
/// <c>adamw</c>/<c>muon</c> when each optimizer runs one seed, <c>adamw_seed42</c> etc. when several; a safe single
/// path component (used for output subfolders and blob paths).
/// </param>
/// <param name="Optimizer">The arm's optimizer.</param>
/// <param name="Seed">The arm's seed.</param>
/// <param name="Config">The config the arm runs with.</param>
public sealed record StudyArm(string Name, OptimizerKind Optimizer, int Seed, StudyConfig Config);
