using System.Text.Json.Serialization;

namespace ForgetCloud.Contracts.Lifecycle;

/// <summary>
/// Lifecycle of a whole study (a run, in the Api): the one vocabulary of the workflow, the run store, the HTTP API and
/// the CLI. Completed, Failed and Cancelled are terminal.
/// </summary>
[JsonConverter(typeof(JsonStringEnumConverter<StudyStatus>))]
public enum StudyStatus
{
    /// <summary>Stored, not started (no StudyStarted seen yet).</summary>
    Created,
    /// <summary>Datasets are being prepared.</summary>
    Preparing,
    /// <summary>Arms are training and being evaluated.</summary>
    Running,
    /// <summary>Every stage of every arm is evaluated (or skipped); the forgetting analysis runs.</summary>
    Analyzing,
    /// <summary>Done; results are available.</summary>
    Completed,
    /// <summary>A stage ran out of attempts, or preparation or analysis failed.</summary>
    Failed,
    /// <summary>Cancelled on request.</summary>
    Cancelled,
}
