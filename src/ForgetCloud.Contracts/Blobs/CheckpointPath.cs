namespace ForgetCloud.Contracts.Blobs;

/// <summary>The parts of a checkpoint prefix (<see cref="BlobLayout.Checkpoint"/>).</summary>
/// <param name="RunId">The run.</param>
/// <param name="ArmId">The arm.</param>
/// <param name="Stage">1 or 2.</param>
/// <param name="Step">The optimizer step.</param>
public sealed record CheckpointPath(string RunId, string ArmId, int Stage, int Step)
{
    /// <summary>The prefix this was parsed from, normalised (ending in <c>/</c>).</summary>
    public string Location => BlobLayout.Checkpoint(RunId, ArmId, Stage, Step);
}
