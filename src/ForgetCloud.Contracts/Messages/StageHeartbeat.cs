namespace ForgetCloud.Contracts.Messages;

/// <summary>
/// Event from a Trainer or an Evaluator, every <c>ForgetCloud:HeartbeatInterval</c> while it works on a stage: the
/// process holding the work is alive. The Api keeps the newest per (run, arm, stage, work) and marks a stage stalled
/// when none came for <c>ForgetCloud:StallTimeout</c>. Not a study event: it never goes through the workflow.
/// </summary>
/// <param name="RunId">The run.</param>
/// <param name="ArmId">The arm.</param>
/// <param name="Stage">0 = base model (evaluation only), 1 or 2.</param>
/// <param name="Work">Training or evaluation.</param>
/// <param name="Attempt">The attempt of the command being worked on.</param>
/// <param name="At">When the worker sent it (its clock).</param>
public sealed record StageHeartbeat(string RunId, string ArmId, int Stage, StageWork Work, int Attempt, DateTimeOffset At);

/// <summary>What a worker does to a stage.</summary>
public enum StageWork
{
    /// <summary>A Trainer runs <see cref="TrainStage"/>.</summary>
    Training,
    /// <summary>An Evaluator runs <see cref="EvaluateCheckpoint"/>.</summary>
    Evaluation,
}
