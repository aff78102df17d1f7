namespace ForgetCloud.Workers;

/// <summary>Bound from <c>ForgetCloud:Worker</c>.</summary>
public sealed class WorkerSettings
{
    public const string SectionName = "ForgetCloud:Worker";

    /// <summary>Local scratch space (downloads, checkpoints before upload, the dataset cache); default: a folder in the temp directory.</summary>
    public string? WorkDirectory { get; set; }

    /// <summary>How often a Trainer or Evaluator sends <c>StageHeartbeat</c> for the stage it works on (the Api's stall timeout must be several times longer).</summary>
    public TimeSpan HeartbeatInterval { get; set; } = TimeSpan.FromSeconds(10);

    public void Validate()
    {
        if (HeartbeatInterval <= TimeSpan.Zero)
            throw new InvalidOperationException($"'{SectionName}:{nameof(HeartbeatInterval)}' must be positive, but was {HeartbeatInterval}.");
    }

    public string ResolveWorkDirectory(string serviceName) =>
        Path.GetFullPath(WorkDirectory ?? Path.Combine(Path.GetTempPath(), "forgetcloud-" + serviceName));
}
