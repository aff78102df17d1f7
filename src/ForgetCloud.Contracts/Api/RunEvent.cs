using ForgetCloud.Contracts.Lifecycle;
namespace ForgetCloud.Contracts.Api;

/// <summary>
/// One server-sent event of <c>GET /api/runs/{id}/events</c> (SSE event type <see cref="SseEventType"/>): the
/// run's state after a change, with the SSE id <see cref="Version"/>. The first event of a stream is the state at
/// connection time (<see cref="Event"/> = <c>snapshot</c>; SSE type <see cref="SseResumedType"/> for a client whose
/// Last-Event-ID is already that version); the stream ends after a terminal status.
/// </summary>
/// <param name="RunId">The run.</param>
/// <param name="Version">The state version after the change; increasing within a stream, except that the stall events
/// (<see cref="StageStall.StalledEvent"/>, <see cref="StageStall.RecoveredEvent"/>, which change no stored state) carry the
/// version of the last event before them.</param>
/// <param name="Status">The run's status after the change.</param>
/// <param name="Event">What happened: the study event's name (e.g. <c>StageCheckpointSaved</c>) or <c>snapshot</c>.</param>
/// <param name="Description">The event in words.</param>
/// <param name="Progress">Done work in [0, 1].</param>
/// <param name="Commands">The work the change started (e.g. <c>TrainStage</c>).</param>
/// <param name="At">When the Api recorded it.</param>
public sealed record RunEvent(
    string RunId,
    long Version,
    StudyStatus Status,
    string Event,
    string Description,
    double Progress,
    IReadOnlyList<string> Commands,
    DateTimeOffset At)
{
    /// <summary>The SSE <c>event:</c> field of every run event.</summary>
    public const string SseEventType = "run";

    /// <summary>
    /// The SSE <c>event:</c> field of a stream's first event when the client's Last-Event-ID is already the run's
    /// version: the snapshot it carries is nothing new (clients that only listen for <see cref="SseEventType"/> skip it).
    /// </summary>
    public const string SseResumedType = "resumed";

    /// <summary>
    /// The request header of a reconnecting client: the SSE id of the last event it saw, which is that event's
    /// <see cref="Version"/>. The stream then starts with a <see cref="SseEventType"/> snapshot only when the run has
    /// changed since, else with a <see cref="SseResumedType"/> one.
    /// </summary>
    public const string LastEventIdHeader = "Last-Event-ID";

    /// <summary>The <see cref="Event"/> of the first event of a stream.</summary>
    public const string SnapshotEvent = "snapshot";

    /// <summary>The stage a <see cref="StageStall.StalledEvent"/> or <see cref="StageStall.RecoveredEvent"/> is about; null on every other event.</summary>
    public StageStall? Stall { get; init; }

    /// <summary>True for Completed, Failed, Cancelled.</summary>
    public bool IsTerminal => Status is StudyStatus.Completed or StudyStatus.Failed or StudyStatus.Cancelled;
}
