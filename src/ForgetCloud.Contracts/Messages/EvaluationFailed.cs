namespace ForgetCloud.Contracts.Messages;

/// <summary>Event from an Evaluator: attempt <paramref name="Attempt"/> of <see cref="EvaluateCheckpoint"/> failed.</summary>
/// <param name="RunId">The run.</param>
/// <param name="ArmId">The arm.</param>
/// <param name="Stage">0, 1 or 2.</param>
/// <param name="Reason">What went wrong.</param>
/// <param name="Attempt">The attempt, as given in <see cref="EvaluateCheckpoint.Attempt"/>.</param>
public sealed record EvaluationFailed(string RunId, string ArmId, int Stage, string Reason, int Attempt);
