namespace ForgetCloud.Contracts.Messages;

/// <summary>
/// Event from a Trainer: a checkpoint of (arm, stage) is completely written. Intermediate ones move the resume
/// point; the final one (<paramref name="IsFinal"/>) ends the stage's training and starts its evaluation.
/// </summary>
/// <param name="RunId">The run.</param>
/// <param name="ArmId">The arm.</param>
/// <param name="Stage">1 or 2.</param>
/// <param name="Checkpoint">Where the checkpoint is and its step.</param>
/// <param name="IsFinal">True for the checkpoint at the end of the stage.</param>
public sealed record StageCheckpointSaved(string RunId, string ArmId, int Stage, CheckpointLocation Checkpoint, bool IsFinal);
