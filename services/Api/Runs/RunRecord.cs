using ForgetCloud.Learning.Study;

namespace ForgetCloud.Api.Runs;

/// <summary>A stored run: the study state (its Version is the concurrency token) and when it was submitted.</summary>
public sealed record RunRecord(StudyState State, DateTimeOffset CreatedAt)
{
    public string RunId => State.StudyId;
}
