namespace ForgetCloud.Contracts.Api;

/// <summary>Lifecycle of a run (the study's status). Completed, Failed and Cancelled are terminal.</summary>
public enum RunStatus
{
    /// <summary>Stored, not started.</summary>
    Created,
    /// <summary>Datasets are being prepared.</summary>
    Preparing,
    /// <summary>Arms are training and being evaluated.</summary>
    Running,
    /// <summary>Every stage is evaluated; the forgetting analysis runs.</summary>
    Analyzing,
    /// <summary>Done; results are available.</summary>
    Completed,
    /// <summary>A stage ran out of attempts.</summary>
    Failed,
    /// <summary>Cancelled on request.</summary>
    Cancelled,
}
