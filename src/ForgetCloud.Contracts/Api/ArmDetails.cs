namespace ForgetCloud.Contracts.Api;

/// <summary>One arm of a run: one optimizer with one seed, and its three stages (0 = base, 1, 2).</summary>
/// <param name="ArmId">The arm.</param>
/// <param name="Optimizer"><c>adamw</c> or <c>muon</c>.</param>
/// <param name="Seed">The seed.</param>
/// <param name="Stages">Stages 0, 1, 2 in order.</param>
public sealed record ArmDetails(string ArmId, string Optimizer, int Seed, IReadOnlyList<StageDetails> Stages);
