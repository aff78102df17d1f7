namespace ForgetCloud.Contracts.Messages;

/// <summary>Event from a Trainer: attempt <paramref name="Attempt"/> of <see cref="TrainStage"/> failed.</summary>
/// <param name="RunId">The run.</param>
/// <param name="ArmId">The arm.</param>
/// <param name="Stage">1 or 2.</param>
/// <param name="Reason">What went wrong.</param>
/// <param name="Attempt">The attempt, as given in <see cref="TrainStage.Attempt"/>.</param>
public sealed record StageFailed(string RunId, string ArmId, int Stage, string Reason, int Attempt);
