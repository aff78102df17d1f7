namespace ForgetCloud.Contracts.Api;

/// <summary>Where one stage of one arm stands.</summary>
public enum StageRunStatus
{
    /// <summary>Not started.</summary>
    Pending,
    /// <summary>A trainer works on it.</summary>
    Training,
    /// <summary>An evaluator works on it.</summary>
    Evaluating,
    /// <summary>Done.</summary>
    Evaluated,
    /// <summary>Not part of this study.</summary>
    Skipped,
    /// <summary>Ran out of attempts.</summary>
    Failed,
    /// <summary>
    /// Training (no final checkpoint yet) or evaluation was taken up by a worker, but its heartbeats stopped for longer
    /// than the Api's stall timeout (see <see cref="StageDetails.LastHeartbeat"/>); a new heartbeat ends it.
    /// </summary>
    Stalled,
}
