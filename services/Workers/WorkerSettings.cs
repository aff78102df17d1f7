namespace ForgetCloud.Workers;

/// <summary>Bound from <c>ForgetCloud:Worker</c>.</summary>
public sealed class WorkerSettings
{
    public const string SectionName = "ForgetCloud:Worker";

    /// <summary>Local scratch space (downloads, checkpoints before upload, the dataset cache); default: a folder in the temp directory.</summary>
    public string? WorkDirectory { get; set; }

    public string ResolveWorkDirectory(string serviceName) =>
        Path.GetFullPath(WorkDirectory ?? Path.Combine(Path.GetTempPath(), "forgetcloud-" + serviceName));
}
