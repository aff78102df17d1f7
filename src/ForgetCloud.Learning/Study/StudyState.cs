using System.Collections.Immutable;
using System.Text.Json.Serialization;
using ForgetCloud.Contracts.Configuration;
using ForgetCloud.Contracts.Lifecycle;

namespace ForgetCloud.Learning.Study;

/// <summary>
/// The whole state of one study: immutable, JSON-serializable (System.Text.Json, no options needed), equal by value.
/// <see cref="Version"/> counts accepted events, so a store can do optimistic concurrency on it.
/// <see cref="StatusReason"/> says why a study Failed or was Cancelled.
/// </summary>
public sealed record StudyState(
    string StudyId,
    StudyStatus Status,
    long Version,
    StudyOptions? Options,
    ImmutableArray<ArmState> Arms,
    ImmutableArray<string> DatasetRefs,
    string? ReportRef = null,
    string? StatusReason = null)
{
    public const int StageCount = 3;

    /// <summary>A study that has not started yet.</summary>
    public static StudyState New(string studyId)
    {
        if (string.IsNullOrWhiteSpace(studyId))
            throw new ArgumentException("A study id must not be empty.", nameof(studyId));
        return new(studyId, StudyStatus.Created, 0, null, [], []);
    }

    [JsonIgnore]
    public bool IsTerminal => Status is StudyStatus.Completed or StudyStatus.Failed or StudyStatus.Cancelled;

    public ArmState? FindArm(string armId) => Arms.FirstOrDefault(a => a.ArmId == armId);

    public ArmSpec Spec(string armId) =>
        Options?.Arms.FirstOrDefault(a => a.Id == armId)
        ?? throw new InvalidOperationException($"Study {StudyId}: no arm '{armId}' in its options.");

    /// <summary>Replaces the arm with the same id.</summary>
    public StudyState WithArm(ArmState arm)
    {
        for (var i = 0; i < Arms.Length; i++)
            if (Arms[i].ArmId == arm.ArmId)
                return this with { Arms = Arms.SetItem(i, arm) };
        throw new InvalidOperationException($"Study {StudyId}: no arm '{arm.ArmId}'.");
    }

    public bool Equals(StudyState? other) =>
        other is not null && StudyId == other.StudyId && Status == other.Status && Version == other.Version
        && Equals(Options, other.Options) && Arms.SequenceEqual(other.Arms) && DatasetRefs.SequenceEqual(other.DatasetRefs)
        && ReportRef == other.ReportRef && StatusReason == other.StatusReason;

    public override int GetHashCode() => HashCode.Combine(StudyId, Status, Version);
}
