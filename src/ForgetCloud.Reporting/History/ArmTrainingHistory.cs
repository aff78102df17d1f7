namespace ForgetCloud.Reporting.History;

/// <summary>The training history of one arm: its stages in order (a stage that was skipped or resumed from a final
/// checkpoint has no entry or an empty one).</summary>
public sealed record ArmTrainingHistory(string ArmId, string Optimizer, int Seed, IReadOnlyList<StageTrainingHistory> Stages);
