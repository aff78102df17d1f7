using System.Text.Json.Serialization;

namespace ForgetCloud.Learning.Study;

/// <summary>
/// Where one stage of one arm stands. Stage 0 (the base model) goes Pending -> Evaluating -> Evaluated;
/// stages 1 and 2 go Pending -> Training -> Evaluating -> Evaluated. There is no separate "Trained" state:
/// the final checkpoint is handed to evaluation in the same transition that records it.
/// </summary>
[JsonConverter(typeof(JsonStringEnumConverter<StageStatus>))]
public enum StageStatus
{
    Pending,
    Training,
    Evaluating,
    Evaluated,
    /// <summary>Not part of this study (--skip-training without a checkpoint, or stage 1 under --resume-stage2 alone).</summary>
    Skipped,
    /// <summary>The retry budget ran out; the study failed with it.</summary>
    Failed,
}
