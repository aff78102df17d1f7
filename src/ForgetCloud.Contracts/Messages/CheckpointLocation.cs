namespace ForgetCloud.Contracts.Messages;

/// <summary>
/// A saved checkpoint in messages: its blob prefix (<see cref="Blobs.BlobLayout.Checkpoint"/>) and the optimizer
/// step it was saved at. Within one (run, arm, stage) the step orders checkpoints.
/// </summary>
/// <param name="Location">The blob prefix of the checkpoint directory, ending in <c>/</c>.</param>
/// <param name="Step">The optimizer step the checkpoint was saved at.</param>
public sealed record CheckpointLocation(string Location, int Step);
