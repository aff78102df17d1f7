using ForgetCloud.Contracts.Api;
using ForgetCloud.Contracts.Messages;
using ForgetCloud.Contracts.Lifecycle;

namespace ForgetCloud.Api.Runs;

/// <summary>
/// When a stage counts as stalled: it is in flight (Training or Evaluating in a run that has not ended), a worker has
/// taken it up (a heartbeat of the attempt in flight is stored) and the newest such heartbeat is older than the stall
/// timeout. A command still waiting in the queue behind other work has no heartbeat and is not stalled: with one
/// trainer, the second arm's stage waits for the first arm's, and that is no fault. Pure: the caller passes "now".
/// </summary>
public static class StallRule
{
    /// <summary>The work and attempt in flight on <paramref name="stage"/>, or null when nothing is in flight.</summary>
    public static (StageWork Work, int Attempt)? InFlight(StageDetails stage) => stage.Status switch
    {
        StageStatus.Training => (StageWork.Training, stage.TrainingAttempt),
        StageStatus.Evaluating => (StageWork.Evaluation, stage.EvaluationAttempt),
        _ => null,
    };

    /// <summary>True when the last heartbeat is more than <paramref name="timeout"/> before <paramref name="now"/>.</summary>
    public static bool IsStalled(DateTimeOffset lastHeartbeat, DateTimeOffset now, TimeSpan timeout) => now - lastHeartbeat > timeout;

    /// <summary>
    /// The stage with <see cref="StageDetails.LastHeartbeat"/> filled in and, when stalled, <see cref="StageStatus.Stalled"/>
    /// as its status. <paramref name="runStatus"/>: a run that ended has nothing in flight.
    /// </summary>
    public static StageDetails Apply(StageDetails stage, string armId, StudyStatus runStatus,
        IReadOnlyDictionary<string, RecordedHeartbeat> heartbeats, DateTimeOffset now, TimeSpan timeout)
    {
        if (runStatus is StudyStatus.Completed or StudyStatus.Failed or StudyStatus.Cancelled || InFlight(stage) is not { } work)
            return stage;
        // A heartbeat of an earlier attempt belongs to work that ended (failed and was retried): it says nothing about this one.
        if (!heartbeats.TryGetValue(RecordedHeartbeat.KeyOf(armId, stage.Stage, work.Work), out var beat) || beat.Attempt != work.Attempt)
            return stage;
        return stage with
        {
            Status = IsStalled(beat.At, now, timeout) ? StageStatus.Stalled : stage.Status,
            LastHeartbeat = beat.At,
        };
    }

    /// <summary><see cref="Apply(StageDetails, string, StudyStatus, IReadOnlyDictionary{string, RecordedHeartbeat}, DateTimeOffset, TimeSpan)"/> on every stage of the run.</summary>
    public static RunDetails Apply(RunDetails run, IReadOnlyDictionary<string, RecordedHeartbeat> heartbeats, DateTimeOffset now, TimeSpan timeout) =>
        run with
        {
            Arms = [.. run.Arms.Select(arm => arm with
            {
                Stages = [.. arm.Stages.Select(stage => Apply(stage, arm.ArmId, run.Status, heartbeats, now, timeout))],
            })],
        };
}
