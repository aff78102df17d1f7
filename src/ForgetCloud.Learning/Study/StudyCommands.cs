using System.Collections.Immutable;
using System.Text.Json.Serialization;
using ForgetCloud.Contracts.Configuration;

namespace ForgetCloud.Learning.Study;

/// <summary>
/// Work the executor must start (the CLI runs it in-process, the Api publishes it to the bus). Commands are
/// at-least-once safe: each names its (arm, stage, attempt), and the events reporting on it carry the same key.
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "$type")]
[JsonDerivedType(typeof(PrepareDatasets), "prepareDatasets")]
[JsonDerivedType(typeof(EvaluateCheckpoint), "evaluateCheckpoint")]
[JsonDerivedType(typeof(TrainStage), "trainStage")]
[JsonDerivedType(typeof(AnalyzeStudy), "analyzeStudy")]
[JsonDerivedType(typeof(CompleteStudy), "completeStudy")]
[JsonDerivedType(typeof(FailStudy), "failStudy")]
[JsonDerivedType(typeof(CancelWork), "cancelWork")]
public abstract record StudyCommand;

public sealed record PrepareDatasets(string ConfigRef) : StudyCommand;

/// <summary>Evaluate on both test sets; <paramref name="Checkpoint"/> null means the base model (stage 0).</summary>
public sealed record EvaluateCheckpoint(string ArmId, int Stage, CheckpointRef? Checkpoint, int Attempt) : StudyCommand
{
    /// <summary>
    /// Set for the base model (stage 0) of every arm but the first: that arm's evaluation of the same untrained model,
    /// which the executor copies as this arm's result instead of computing it again.
    /// </summary>
    public EvaluationRef? CopyOf { get; init; }
}

/// <summary>
/// Train one stage. <paramref name="InitFrom"/> is the previous stage's final checkpoint (null for stage 1: the base
/// model). <paramref name="ResumeFrom"/> is the latest checkpoint of this stage known when the command was issued;
/// a trainer that receives this command again after a crash should look for a newer checkpoint of the same
/// (arm, stage) in its store, since a broker redelivers the original message.
/// </summary>
public sealed record TrainStage(string ArmId, string Optimizer, int Seed, int Stage, CheckpointRef? InitFrom, CheckpointRef? ResumeFrom, int Attempt) : StudyCommand;

public sealed record EvaluationRef(string ArmId, int Stage, string ResultRef);

/// <summary>
/// Run the forgetting analysis over every evaluation, ordered by arm (study order) then stage. When
/// <see cref="NotEvaluated"/> names stages (skipped: skip_training, or stage 1 of a run resumed at stage 2) there is no
/// forgetting matrix (it needs stages 0, 1 and 2 of every arm): the executor writes the run's metadata and the
/// evaluations' records, no analysis, and the study still completes. The workflow decides this, so that the CLI and
/// the distributed run behave the same.
/// </summary>
public sealed record AnalyzeStudy(ImmutableArray<EvaluationRef> Evaluations) : StudyCommand
{
    /// <summary>The study's arms in study order, so the analysis never has to work them out from the config.</summary>
    public ImmutableArray<ArmSpec> Arms { get; init; } = [];

    /// <summary>"arm stage N" for every stage that was skipped, in study order; empty when the analysis can run.</summary>
    public ImmutableArray<string> NotEvaluated { get; init; } = [];

    /// <summary>False when a stage was skipped: no forgetting analysis is possible.</summary>
    [JsonIgnore]
    public bool CanAnalyze => NotEvaluated.IsDefaultOrEmpty;

    public bool Equals(AnalyzeStudy? other) =>
        other is not null && Evaluations.SequenceEqual(other.Evaluations)
        && (Arms.IsDefault ? [] : Arms).SequenceEqual(other.Arms.IsDefault ? [] : other.Arms)
        && (NotEvaluated.IsDefault ? [] : NotEvaluated).SequenceEqual(other.NotEvaluated.IsDefault ? [] : other.NotEvaluated);

    public override int GetHashCode() => Evaluations.Length;
}

public sealed record CompleteStudy(string ReportRef) : StudyCommand;

public sealed record FailStudy(string Reason) : StudyCommand;

/// <summary>Stop every running training and evaluation of this study.</summary>
public sealed record CancelWork(string Reason) : StudyCommand;
