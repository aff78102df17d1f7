using System.Text.Json.Serialization;

namespace ForgetCloud.Learning.Study;

/// <summary>Lifecycle of a whole study. Completed, Failed and Cancelled are terminal.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<StudyStatus>))]
public enum StudyStatus
{
    /// <summary>No <see cref="StudyStarted"/> seen yet.</summary>
    Created,
    /// <summary>Waiting for <see cref="DatasetsPrepared"/>.</summary>
    Preparing,
    /// <summary>Arms are training and being evaluated.</summary>
    Running,
    /// <summary>Every stage of every arm is evaluated (or skipped); waiting for <see cref="AnalysisCompleted"/>.</summary>
    Analyzing,
    Completed,
    Failed,
    Cancelled,
}
