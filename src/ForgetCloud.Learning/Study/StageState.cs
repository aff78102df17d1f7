using System.Text.Json.Serialization;
using ForgetCloud.Contracts.Lifecycle;

namespace ForgetCloud.Learning.Study;

/// <summary>
/// One stage of one arm. <see cref="ResumePoint"/> is the newest checkpoint of this stage (intermediate, final, or
/// the one given by --resume-stageN); a re-issued <see cref="TrainStage"/> resumes from it.
/// Attempt counters are the number of the attempt in flight (0 = never issued).
/// </summary>
public sealed record StageState(
    int Stage,
    StageStatus Status,
    int TrainingAttempt = 0,
    int EvaluationAttempt = 0,
    int Step = 0,
    int? TotalSteps = null,
    CheckpointRef? ResumePoint = null,
    CheckpointRef? FinalCheckpoint = null,
    string? EvaluationRef = null,
    string? LastFailure = null)
{
    /// <summary>Evaluated or Skipped: nothing more will happen to this stage.</summary>
    [JsonIgnore]
    public bool IsDone => Status is StageStatus.Evaluated or StageStatus.Skipped;
}
