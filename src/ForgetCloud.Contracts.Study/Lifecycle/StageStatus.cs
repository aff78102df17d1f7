using System.Text.Json.Serialization;

namespace ForgetCloud.Contracts.Lifecycle;

/// <summary>
/// Where one stage of one arm stands. Stage 0 (the base model) goes Pending -> Evaluating -> Evaluated;
/// stages 1 and 2 go Pending -> Training -> Evaluating -> Evaluated. There is no separate "Trained" state:
/// the final checkpoint is handed to evaluation in the same transition that records it.
/// </summary>
[JsonConverter(typeof(JsonStringEnumConverter<StageStatus>))]
public enum StageStatus
{
    /// <summary>Not started (for a later arm's base model: waiting for the first arm's evaluation to copy).</summary>
    Pending,
    /// <summary>A trainer works on it.</summary>
    Training,
    /// <summary>An evaluator works on it.</summary>
    Evaluating,
    /// <summary>Done.</summary>
    Evaluated,
    /// <summary>Not part of this study (--skip-training without a checkpoint, or stage 1 under --resume-stage2 alone).</summary>
    Skipped,
    /// <summary>The retry budget ran out; the study failed with it.</summary>
    Failed,
    /// <summary>
    /// Shown by the Api only (the workflow keeps such a stage Training or Evaluating): a worker took the stage up, but
    /// its heartbeats stopped for longer than the stall timeout; a new heartbeat ends it.
    /// </summary>
    Stalled,
}
