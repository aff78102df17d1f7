using ForgetCloud.Learning.Study;

namespace ForgetCloud.Api.Orchestration;

/// <summary>What applying one event to a run did.</summary>
public enum ApplyResult
{
    /// <summary>Saved; its commands are published.</summary>
    Accepted,
    /// <summary>The workflow ignored it (duplicate, stale, study over); nothing changed or was published.</summary>
    Ignored,
    /// <summary>No such run.</summary>
    RunNotFound,
}

public sealed record ApplyOutcome(ApplyResult Result, StudyState? State, string? IgnoredReason = null);
