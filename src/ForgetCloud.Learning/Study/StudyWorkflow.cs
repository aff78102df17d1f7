using System.Collections.Immutable;
using ForgetCloud.Contracts.Configuration;
using ForgetCloud.Contracts.Lifecycle;

namespace ForgetCloud.Learning.Study;

/// <summary>
/// The study's orchestration as one pure function (state, event) -> (state, commands), shared by the CLI's
/// in-process executor and the Api's message consumers.
/// <para>
/// Flow per arm: DatasetsPrepared -> evaluate the base (stage 0; the first arm computes it, every other arm copies
/// that result once it exists, see <see cref="EvaluateCheckpoint.CopyOf"/>) and train stage 1. Stage 1's final checkpoint ->
/// train stage 2 from it and, meanwhile, evaluate it. Stage 2's final checkpoint -> evaluate it. Every stage of every
/// arm evaluated (or skipped) -> AnalyzeStudy; AnalysisCompleted -> CompleteStudy. Training and evaluation failures
/// are retried up to MaxAttempts; a preparation or analysis failure ends the study at once (its executor has already
/// retried what was transient).
/// </para>
/// <para>
/// Delivery is at-least-once and unordered, so redelivered, duplicated, stale or late events, events for unknown
/// arms and events after the study ended are ignored (same state instance, no commands, a reason). Events that no
/// correct executor can produce (a checkpoint for a stage never asked to train, a failure for an attempt never
/// issued, anything before StudyStarted) throw <see cref="InvalidOperationException"/>.
/// </para>
/// </summary>
public static class StudyWorkflow
{
    public static StudyTransition Apply(StudyState state, StudyEvent e)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(e);
        if (e is StudyStarted started)
            return OnStarted(state, started);
        if (state.Status == StudyStatus.Created && e is not CancelRequested)
            throw new InvalidOperationException($"Study {state.StudyId}: {e.GetType().Name} received before StudyStarted.");
        if (state.IsTerminal)
            return StudyTransition.Ignored(state, $"study is already {state.Status}");

        return e switch
        {
            DatasetsPrepared prepared => OnDatasetsPrepared(state, prepared),
            StageProgress progress => OnProgress(state, progress),
            StageCheckpointSaved saved => OnCheckpointSaved(state, saved),
            CheckpointEvaluated evaluated => OnEvaluated(state, evaluated),
            StageFailed failed => OnStageFailed(state, failed),
            EvaluationFailed failed => OnEvaluationFailed(state, failed),
            PreparationFailed failed => state.Status == StudyStatus.Preparing
                ? EndInFailure(state, $"dataset preparation failed: {failed.Reason}")
                : StudyTransition.Ignored(state, $"preparation failure while the study is {state.Status}"),
            AnalysisFailed failed => state.Status == StudyStatus.Analyzing
                ? EndInFailure(state, $"analysis failed: {failed.Reason}")
                : StudyTransition.Ignored(state, $"analysis failure while the study is {state.Status}"),
            CancelRequested cancel => OnCancel(state, cancel),
            AnalysisCompleted analysis => OnAnalysisCompleted(state, analysis),
            _ => throw new ArgumentException($"Unknown study event type {e.GetType().FullName}.", nameof(e)),
        };
    }

    /// <summary>Applies events in order, collecting every command; handy for replaying a journal.</summary>
    public static StudyTransition ApplyAll(StudyState state, IEnumerable<StudyEvent> events)
    {
        var commands = ImmutableArray.CreateBuilder<StudyCommand>();
        foreach (var e in events)
        {
            var step = Apply(state, e);
            state = step.State;
            commands.AddRange(step.Commands);
        }
        return new StudyTransition(state, commands.ToImmutable());
    }

    static StudyTransition OnStarted(StudyState state, StudyStarted e)
    {
        if (state.Status != StudyStatus.Created)
        {
            if (Equals(state.Options, e.Options))
                return StudyTransition.Ignored(state, "study already started");
            throw new InvalidOperationException($"Study {state.StudyId} was started again with different options.");
        }
        e.Options.Validate();
        var arms = e.Options.Arms
            .Select(spec => new ArmState(spec.Id, [.. Enumerable.Range(0, StudyState.StageCount).Select(s => new StageState(s, StageStatus.Pending))]))
            .ToImmutableArray();
        var next = state with { Status = StudyStatus.Preparing, Options = e.Options, Arms = arms };
        return Accept(next, [new PrepareDatasets(e.Options.ConfigRef)]);
    }

    static StudyTransition OnDatasetsPrepared(StudyState state, DatasetsPrepared e)
    {
        if (state.Status != StudyStatus.Preparing)
            return StudyTransition.Ignored(state, "datasets were already prepared");
        var next = state with { Status = StudyStatus.Running, DatasetRefs = e.DatasetRefs };
        var commands = new List<StudyCommand>();
        foreach (var spec in Options(next).Arms)
            next = next.WithArm(StartArm(next, spec, commands));
        return Accept(next, commands);
    }

    static ArmState StartArm(StudyState state, ArmSpec spec, List<StudyCommand> commands)
    {
        var options = Options(state);
        var arm = Arm(state, spec.Id);
        if (spec.Id == options.Arms[0].Id)
            arm = arm.WithStage(BeginEvaluation(state, arm.Stage(0), spec.Id, commands));
        if (options.SkipTraining)
        {
            // Nothing trains: a given checkpoint is that stage's result, otherwise the stage is not part of the study.
            foreach (var stage in new[] { 1, 2 })
            {
                var given = options.ResumeFor(stage);
                arm = arm.WithStage(given is null
                    ? arm.Stage(stage) with { Status = StageStatus.Skipped }
                    : BeginEvaluation(state, arm.Stage(stage) with { ResumePoint = given, FinalCheckpoint = given, Step = given.Step }, spec.Id, commands));
            }
            return arm;
        }
        if (options.ResumeStage2 is not null && options.ResumeStage1 is null)
        {
            // Stage 1 was finished elsewhere and its checkpoint is not part of this run: stage 2 carries on at once.
            arm = arm.WithStage(arm.Stage(1) with { Status = StageStatus.Skipped });
            return arm.WithStage(BeginTraining(WithResumePoint(arm.Stage(2), options.ResumeStage2), spec, initFrom: null, commands));
        }
        arm = arm.WithStage(WithResumePoint(arm.Stage(2), options.ResumeStage2));
        return arm.WithStage(BeginTraining(WithResumePoint(arm.Stage(1), options.ResumeStage1), spec, initFrom: null, commands));
    }

    static StudyTransition OnProgress(StudyState state, StageProgress e)
    {
        RequireTrainingStage(e.Stage, e);
        if (FindStage(state, e.ArmId, e.Stage) is not { } found)
            return UnknownArm(state, e.ArmId);
        var (arm, stage) = found;
        if (stage.Status != StageStatus.Training)
            return StudyTransition.Ignored(state, $"progress for {Key(e.ArmId, e.Stage)} while it is {stage.Status}");
        if (e.Step <= stage.Step)
            return StudyTransition.Ignored(state, $"progress step {e.Step} for {Key(e.ArmId, e.Stage)} is not past step {stage.Step}");
        var next = stage with { Step = e.Step, TotalSteps = e.TotalSteps ?? stage.TotalSteps };
        return Accept(state.WithArm(arm.WithStage(next)), []);
    }

    static StudyTransition OnCheckpointSaved(StudyState state, StageCheckpointSaved e)
    {
        RequireTrainingStage(e.Stage, e);
        if (FindStage(state, e.ArmId, e.Stage) is not { } found)
            return UnknownArm(state, e.ArmId);
        var (arm, stage) = found;
        switch (stage.Status)
        {
            case StageStatus.Pending or StageStatus.Skipped:
                throw new InvalidOperationException(
                    $"Study {state.StudyId}: checkpoint {e.Checkpoint} for {Key(e.ArmId, e.Stage)}, which is {stage.Status}: no TrainStage was issued for it.");
            case StageStatus.Training:
                break;
            default:
                return StudyTransition.Ignored(state,
                    $"{Key(e.ArmId, e.Stage)} already has its final checkpoint {stage.FinalCheckpoint}; {(e.IsFinal ? "final" : "intermediate")} checkpoint {e.Checkpoint} ignored");
        }

        if (!e.IsFinal)
        {
            if (stage.ResumePoint is { } current && e.Checkpoint.Step <= current.Step)
                return StudyTransition.Ignored(state, $"checkpoint {e.Checkpoint} for {Key(e.ArmId, e.Stage)} is not newer than {current}");
            var moved = stage with { ResumePoint = e.Checkpoint, Step = Math.Max(stage.Step, e.Checkpoint.Step) };
            return Accept(state.WithArm(arm.WithStage(moved)), []);
        }

        var commands = new List<StudyCommand>();
        var trained = stage with { ResumePoint = e.Checkpoint, FinalCheckpoint = e.Checkpoint, Step = Math.Max(stage.Step, e.Checkpoint.Step) };
        // Stage 2 starts first: it is the long job, and it runs while stage 1 is being evaluated.
        if (e.Stage == 1 && arm.Stage(2).Status == StageStatus.Pending)
            arm = arm.WithStage(BeginTraining(arm.Stage(2), state.Spec(e.ArmId), initFrom: e.Checkpoint, commands));
        arm = arm.WithStage(BeginEvaluation(state, trained, e.ArmId, commands));
        return Accept(state.WithArm(arm), commands);
    }

    static StudyTransition OnEvaluated(StudyState state, CheckpointEvaluated e)
    {
        RequireStage(e.Stage, e);
        if (FindStage(state, e.ArmId, e.Stage) is not { } found)
            return UnknownArm(state, e.ArmId);
        var (arm, stage) = found;
        if (stage.Status == StageStatus.Evaluated)
            return StudyTransition.Ignored(state, $"{Key(e.ArmId, e.Stage)} is already evaluated ({stage.EvaluationRef}); result {e.ResultRef} ignored");
        if (stage.Status != StageStatus.Evaluating)
            throw new InvalidOperationException(
                $"Study {state.StudyId}: evaluation result {e.ResultRef} for {Key(e.ArmId, e.Stage)}, which is {stage.Status}: no EvaluateCheckpoint was issued for it.");

        var next = state.WithArm(arm.WithStage(stage with { Status = StageStatus.Evaluated, EvaluationRef = e.ResultRef }));
        if (e.Stage == 0 && e.ArmId == Options(state).Arms[0].Id)
        {
            var copies = new List<StudyCommand>();
            foreach (var other in next.Arms.Where(a => a.ArmId != e.ArmId && a.Stage(0).Status == StageStatus.Pending))
                next = next.WithArm(other.WithStage(BeginEvaluation(next, other.Stage(0), other.ArmId, copies)));
            if (copies.Count > 0)
                return Accept(next, copies);
        }
        if (!next.Arms.All(a => a.Stages.All(s => s.IsDone)))
            return Accept(next, []);
        var evaluations = next.Arms
            .SelectMany(a => a.Stages.Where(s => s.Status == StageStatus.Evaluated).Select(s => new EvaluationRef(a.ArmId, s.Stage, s.EvaluationRef!)))
            .ToImmutableArray();
        var notEvaluated = next.Arms
            .SelectMany(a => a.Stages.Where(s => s.Status == StageStatus.Skipped).Select(s => $"{a.ArmId} stage {s.Stage}"))
            .ToImmutableArray();
        return Accept(next with { Status = StudyStatus.Analyzing }, [new AnalyzeStudy(evaluations) { Arms = Options(next).Arms, NotEvaluated = notEvaluated }]);
    }

    static StudyTransition OnStageFailed(StudyState state, StageFailed e)
    {
        RequireTrainingStage(e.Stage, e);
        if (FindStage(state, e.ArmId, e.Stage) is not { } found)
            return UnknownArm(state, e.ArmId);
        var (arm, stage) = found;
        if (stage.Status != StageStatus.Training)
            return StudyTransition.Ignored(state, $"training failure of {Key(e.ArmId, e.Stage)} attempt {e.Attempt} while it is {stage.Status}");
        if (CheckAttempt(state, e, e.Attempt, stage.TrainingAttempt) is { } stale)
            return stale;

        var failed = stage with { LastFailure = e.Reason };
        if (e.Attempt >= Options(state).MaxAttempts)
            return FailStudy(state, arm.WithStage(failed with { Status = StageStatus.Failed }),
                $"arm {e.ArmId} stage {e.Stage}: training failed after {e.Attempt} attempts: {e.Reason}");

        // A stage 2 that started from --resume-stage2 alone has no stage-1 checkpoint: it resumes from its own.
        var initFrom = e.Stage == 2 ? arm.Stage(1).FinalCheckpoint : null;
        var commands = new List<StudyCommand>();
        arm = arm.WithStage(BeginTraining(failed, state.Spec(e.ArmId), initFrom, commands));
        return Accept(state.WithArm(arm), commands);
    }

    static StudyTransition OnEvaluationFailed(StudyState state, EvaluationFailed e)
    {
        RequireStage(e.Stage, e);
        if (FindStage(state, e.ArmId, e.Stage) is not { } found)
            return UnknownArm(state, e.ArmId);
        var (arm, stage) = found;
        if (stage.Status != StageStatus.Evaluating)
            return StudyTransition.Ignored(state, $"evaluation failure of {Key(e.ArmId, e.Stage)} attempt {e.Attempt} while it is {stage.Status}");
        if (CheckAttempt(state, e, e.Attempt, stage.EvaluationAttempt) is { } stale)
            return stale;

        var failed = stage with { LastFailure = e.Reason };
        if (e.Attempt >= Options(state).MaxAttempts)
            return FailStudy(state, arm.WithStage(failed with { Status = StageStatus.Failed }),
                $"arm {e.ArmId} stage {e.Stage}: evaluation failed after {e.Attempt} attempts: {e.Reason}");

        var commands = new List<StudyCommand>();
        arm = arm.WithStage(BeginEvaluation(state, failed, e.ArmId, commands));
        return Accept(state.WithArm(arm), commands);
    }

    static StudyTransition OnCancel(StudyState state, CancelRequested e)
    {
        var next = state with { Status = StudyStatus.Cancelled, StatusReason = e.Reason };
        return Accept(next, [new CancelWork(e.Reason)]);
    }

    static StudyTransition OnAnalysisCompleted(StudyState state, AnalysisCompleted e)
    {
        if (state.Status != StudyStatus.Analyzing)
            throw new InvalidOperationException($"Study {state.StudyId}: analysis result {e.ReportRef} while the study is {state.Status}: no AnalyzeStudy was issued.");
        var next = state with { Status = StudyStatus.Completed, ReportRef = e.ReportRef };
        return Accept(next, [new CompleteStudy(e.ReportRef)]);
    }

    static StudyTransition FailStudy(StudyState state, ArmState failedArm, string reason)
    {
        var next = state.WithArm(failedArm) with { Status = StudyStatus.Failed, StatusReason = reason };
        // Other arms may still be training: stop them before declaring the study failed.
        return Accept(next, [new CancelWork(reason), new FailStudy(reason)]);
    }

    /// <summary>A failure outside every arm: nothing else is in flight (preparation or analysis is the only work).</summary>
    static StudyTransition EndInFailure(StudyState state, string reason) =>
        Accept(state with { Status = StudyStatus.Failed, StatusReason = reason }, [new FailStudy(reason)]);

    static StageState BeginTraining(StageState stage, ArmSpec spec, CheckpointRef? initFrom, List<StudyCommand> commands)
    {
        var attempt = stage.TrainingAttempt + 1;
        commands.Add(new TrainStage(spec.Id, spec.Optimizer, spec.Seed, stage.Stage, initFrom, stage.ResumePoint, attempt));
        return stage with { Status = StageStatus.Training, TrainingAttempt = attempt };
    }

    /// <summary>
    /// Evaluates the stage's final checkpoint; stage 0 has none and evaluates the base model. Every arm starts from the
    /// same untrained model (one config; arms differ only in optimizer and seed, which touch neither the base weights
    /// nor greedy evaluation), so only the first arm computes stage 0 and the others copy its result.
    /// </summary>
    static StageState BeginEvaluation(StudyState state, StageState stage, string armId, List<StudyCommand> commands)
    {
        var attempt = stage.EvaluationAttempt + 1;
        var first = Options(state).Arms[0].Id;
        var copyOf = stage.Stage == 0 && armId != first
            ? new EvaluationRef(first, 0, Arm(state, first).Stage(0).EvaluationRef
                ?? throw new InvalidOperationException($"Study {state.StudyId}: arm {armId}'s base evaluation was issued before {first}'s exists."))
            : null;
        commands.Add(new EvaluateCheckpoint(armId, stage.Stage, stage.FinalCheckpoint, attempt) { CopyOf = copyOf });
        return stage with { Status = StageStatus.Evaluating, EvaluationAttempt = attempt };
    }

    static StageState WithResumePoint(StageState stage, CheckpointRef? resume) =>
        resume is null ? stage : stage with { ResumePoint = resume, Step = resume.Step };

    static StudyTransition? CheckAttempt(StudyState state, StudyEvent e, int attempt, int current)
    {
        if (attempt > current)
            throw new InvalidOperationException($"Study {state.StudyId}: {e} names attempt {attempt}, but only {current} were issued.");
        return attempt < current
            ? StudyTransition.Ignored(state, $"{e.GetType().Name} for attempt {attempt} is stale: attempt {current} is in flight")
            : null;
    }

    static StudyTransition Accept(StudyState next, IEnumerable<StudyCommand> commands) =>
        new(next with { Version = next.Version + 1 }, [.. commands]);

    static StudyTransition UnknownArm(StudyState state, string armId) =>
        StudyTransition.Ignored(state, $"study {state.StudyId} has no arm '{armId}'");

    static (ArmState Arm, StageState Stage)? FindStage(StudyState state, string armId, int stage) =>
        state.FindArm(armId) is { } arm ? (arm, arm.Stage(stage)) : null;

    static ArmState Arm(StudyState state, string armId) =>
        state.FindArm(armId) ?? throw new InvalidOperationException($"Study {state.StudyId}: no arm '{armId}'.");

    static StudyOptions Options(StudyState state) =>
        state.Options ?? throw new InvalidOperationException($"Study {state.StudyId} has no options: it was never started.");

    static void RequireStage(int stage, StudyEvent e)
    {
        if (stage is < 0 or >= StudyState.StageCount)
            throw new InvalidOperationException($"{e}: stage {stage} does not exist (stages are 0 = base, 1, 2).");
    }

    static void RequireTrainingStage(int stage, StudyEvent e)
    {
        if (stage is not (1 or 2))
            throw new InvalidOperationException($"{e}: only stages 1 and 2 are trained, got stage {stage}.");
    }

    static string Key(string armId, int stage) => $"arm {armId} stage {stage}";
}
