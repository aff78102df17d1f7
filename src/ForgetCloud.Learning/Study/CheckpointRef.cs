namespace ForgetCloud.Learning.Study;

/// <summary>
/// A saved checkpoint: where it lives (a directory locally, a blob prefix in the services) and the optimizer step
/// it was saved at. Within one (arm, stage) the step orders checkpoints, which is what makes a redelivered or
/// late intermediate checkpoint recognisable.
/// </summary>
public sealed record CheckpointRef(string Location, int Step)
{
    public override string ToString() => $"{Location} (step {Step})";
}
