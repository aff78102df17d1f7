using System.Collections.Immutable;
using System.Text.Json.Serialization;

namespace ForgetCloud.Learning.Study;

/// <summary>
/// Something that happened to a study, fed to <see cref="StudyWorkflow.Apply"/>. Stage numbers: 0 = base model,
/// 1 = GSM8K, 2 = AQUA-RAT. Every event is keyed by (arm, stage, checkpoint step or attempt), so a duplicate is
/// recognised and changes nothing.
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "$type")]
[JsonDerivedType(typeof(StudyStarted), "started")]
[JsonDerivedType(typeof(DatasetsPrepared), "datasetsPrepared")]
[JsonDerivedType(typeof(StageProgress), "stageProgress")]
[JsonDerivedType(typeof(StageCheckpointSaved), "checkpointSaved")]
[JsonDerivedType(typeof(CheckpointEvaluated), "checkpointEvaluated")]
[JsonDerivedType(typeof(StageFailed), "stageFailed")]
[JsonDerivedType(typeof(EvaluationFailed), "evaluationFailed")]
[JsonDerivedType(typeof(PreparationFailed), "preparationFailed")]
[JsonDerivedType(typeof(AnalysisFailed), "analysisFailed")]
[JsonDerivedType(typeof(CancelRequested), "cancelRequested")]
[JsonDerivedType(typeof(AnalysisCompleted), "analysisCompleted")]
public abstract record StudyEvent;

public sealed record StudyStarted(StudyOptions Options) : StudyEvent;

/// <summary>Dataset references (content-addressed shard prefixes or local directories), in the order DataPrep lists them.</summary>
public sealed record DatasetsPrepared(ImmutableArray<string> DatasetRefs) : StudyEvent
{
    public bool Equals(DatasetsPrepared? other) => other is not null && DatasetRefs.SequenceEqual(other.DatasetRefs);
    public override int GetHashCode() => DatasetRefs.Length;
}

/// <summary>Training progress; only ever moves the step forward. <paramref name="TotalSteps"/> feeds the progress fraction.</summary>
public sealed record StageProgress(string ArmId, int Stage, int Step, int? TotalSteps = null) : StudyEvent;

/// <summary>
/// A trainer saved a checkpoint. Intermediate ones (IsFinal false) only move the resume point forward;
/// the final one ends the stage's training.
/// </summary>
public sealed record StageCheckpointSaved(string ArmId, int Stage, CheckpointRef Checkpoint, bool IsFinal) : StudyEvent;

/// <summary>Both test sets evaluated for this arm after this stage; <paramref name="ResultRef"/> is where the result lives.</summary>
public sealed record CheckpointEvaluated(string ArmId, int Stage, string ResultRef) : StudyEvent;

/// <summary>Training attempt <paramref name="Attempt"/> (as given in <see cref="TrainStage.Attempt"/>) failed.</summary>
public sealed record StageFailed(string ArmId, int Stage, string Reason, int Attempt) : StudyEvent;

/// <summary>Evaluation attempt <paramref name="Attempt"/> (as given in <see cref="EvaluateCheckpoint.Attempt"/>) failed.</summary>
public sealed record EvaluationFailed(string ArmId, int Stage, string Reason, int Attempt) : StudyEvent;

/// <summary>
/// Dataset preparation gave up (after its executor's own retries of transient errors): nothing can train without
/// the data, so the study fails with <paramref name="Reason"/>.
/// </summary>
public sealed record PreparationFailed(string Reason) : StudyEvent;

/// <summary>The forgetting analysis gave up (after its executor's own retries); every evaluation is kept.</summary>
public sealed record AnalysisFailed(string Reason) : StudyEvent;

public sealed record CancelRequested(string Reason) : StudyEvent;

public sealed record AnalysisCompleted(string ReportRef) : StudyEvent;
