using ForgetCloud.Downloads;
using System.Collections.Immutable;
using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using System.Text.Json;
using ForgetCloud.Contracts.Configuration;
using ForgetCloud.Learning.Checkpoints;
using ForgetCloud.Learning.Evaluation;
using ForgetCloud.Learning.Execution;
using ForgetCloud.Learning.Metrics;
using ForgetCloud.Learning.Modeling;
using ForgetCloud.Learning.Study;
using ForgetCloud.Learning.Training;
using ForgetCloud.Reporting.Analysis;
using ForgetCloud.Reporting.History;
using ForgetCloud.Reporting.Output;
using ForgetCloud.Reporting.Scores;
using ForgetCloud.Contracts.Lifecycle;

namespace ForgetCloud.Cli.Study;

/// <summary>
/// Runs a study in this process: feeds events to <see cref="StudyWorkflow.Apply"/> and executes the commands it
/// returns with ForgetCloud.Learning.Execution (data, training, evaluation) and ForgetCloud.Reporting (analysis,
/// report files). Commands run one at a time, arm by arm, in the order base evaluation, stage 1, its evaluation,
/// stage 2, its evaluation; the analysis runs when every arm is done. After every transition the state and the
/// commands still to run are saved to <c>study_state.json</c>; on start an existing file of the same study is
/// resumed (a training stage from its newest checkpoint, an abandoned evaluation from the start).
/// </summary>
internal sealed class InProcessStudyExecutor
{
    private readonly StudyPlan _plan;
    private readonly CliServices _services;
    private readonly Action<StudyEvent>? _observer;
    private readonly TrainingStepJournal _journal;
    private readonly AnalysisOptions _analysis;
    private StudyState _state = null!;
    private ImmutableArray<StudyCommand> _pending = [];
    private ImmutableDictionary<string, double> _durations = ImmutableDictionary<string, double>.Empty;
    private StudyCheckpoint? _retryFrom;
    private DateTimeOffset _startTime;
    private PreparedDatasets? _data;
    private ProgressDisplay _progress = null!;
    private StudyLog _log = null!;

    /// <param name="observer">Sees every accepted event after it is saved (tests use it to stop at a chosen point).</param>
    public InProcessStudyExecutor(StudyPlan plan, CliServices services, Action<StudyEvent>? observer = null)
    {
        _plan = plan;
        _services = services;
        _observer = observer;
        _journal = new TrainingStepJournal(plan.StepJournal);
        _analysis = AnalysisOptions.For(plan.Config);
    }

    public async Task<StudyOutcome> RunAsync(CancellationToken cancellationToken)
    {
        _progress = new ProgressDisplay(_services.Output, _services.OutputIsTerminal);
        var existing = PersistedStudy.TryLoad(_plan.StateFile);
        if (existing is not null && existing.Fingerprint != _plan.Fingerprint)
        {
            throw new CliException(
                $"{_plan.OutputRoot} holds a different study ({StudyPlan.StateFileName} was written for another config or other flags); choose another --output-dir, or delete that folder to start over");
        }

        if (existing is null) RequireNoCheckpoints();
        using var log = new StudyLog(_plan.TrainingLog, _progress);
        _log = log;
        // A new or a resumed study: a missing CUDA device is one error before any work.
        ForgetCloud.Learning.Devices.ComputeTarget.For(_plan.Config);
        if (existing is null)
        {
            _startTime = DateTimeOffset.Now;
            _state = StudyState.New(_plan.Fingerprint[..12]);
            LogConfiguration();
            Accept(null, new StudyStarted(_plan.Options));
        }
        else
        {
            (_state, _pending, _durations, _startTime) = (existing.State, existing.Pending, existing.DurationsSeconds, existing.StartTime);
            if (_state.Status == StudyStatus.Failed && existing.RetryFrom is { } retry)
            {
                _log.Info($"the last run of this study failed ({_state.StatusReason}); trying that work again");
                (_state, _pending) = (retry.State, retry.Pending);
            }
            if (_state.Status == StudyStatus.Completed)
            {
                _log.Info($"the study in {_plan.OutputRoot} is already complete; its report is in {_plan.LogsDirectory}");
                return StudyOutcome.Completed;
            }

            _log.Info($"resuming the study in {_plan.OutputRoot} ({_state.Status}; next: {string.Join(", ", _pending.OrderBy(Order).Select(Describe))})");
        }

        try
        {
            while (_pending.Length > 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var command = _pending.OrderBy(Order).First();
                StudyEvent? e;
                try
                {
                    e = await ExecuteAsync(command, cancellationToken).ConfigureAwait(false);
                }
                catch (Exception error) when (FailureOf(command, error, cancellationToken) is { } failure)
                {
                    // The workflow decides what a failure means (one attempt here: the study fails, see StudyPlan).
                    _log.Error($"{Describe(command)} failed: {ErrorBoundary.OneLine(error.Message)}");
                    _log.Detail(error.ToString());
                    _retryFrom = new StudyCheckpoint(_state, _pending);
                    e = failure;
                }
                Accept(command, e);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            _progress.Finish();
            _log.Info($"stopped at a clean point; run the same command with --output-dir {_plan.OutputRoot} to resume");
            return StudyOutcome.Stopped;
        }

        return StudyOutcome.Completed;
    }

    /// <summary>Commands run arm by arm (study order), and within an arm: evaluate stage 0, train 1, evaluate 1,
    /// train 2, evaluate 2 (the workflow issues stage 2's training before stage 1's evaluation, so that a distributed
    /// run overlaps them; in one process the original framework's order reads better and costs the same).</summary>
    private (int, int) Order(StudyCommand command)
    {
        int ArmIndex(string id) => _plan.Options.Arms.Select((a, i) => (a, i)).First(x => x.a.Id == id).i;
        return command switch
        {
            CompleteStudy or FailStudy or CancelWork => (-2, 0),
            PrepareDatasets => (-1, 0),
            EvaluateCheckpoint e => (ArmIndex(e.ArmId), 2 * e.Stage),
            TrainStage t => (ArmIndex(t.ArmId), (2 * t.Stage) - 1),
            AnalyzeStudy => (int.MaxValue, 0),
            _ => throw new InvalidOperationException($"unknown command {command}"),
        };
    }

    private async Task<StudyEvent?> ExecuteAsync(StudyCommand command, CancellationToken cancellationToken)
    {
        switch (command)
        {
            case PrepareDatasets:
                await EnsureDataAsync(cancellationToken).ConfigureAwait(false);
                return new DatasetsPrepared([DataReference()]);
            case TrainStage train:
                return await TrainAsync(train, cancellationToken).ConfigureAwait(false);
            case EvaluateCheckpoint evaluate:
                return await EvaluateAsync(evaluate, cancellationToken).ConfigureAwait(false);
            case AnalyzeStudy analyze:
                await AnalyzeAsync(analyze, cancellationToken).ConfigureAwait(false);
                return new AnalysisCompleted(_plan.LogsDirectory);
            case CompleteStudy:
                _log.Info($"study complete in {FormatSeconds((DateTimeOffset.Now - _startTime).TotalSeconds)} (wall time since the first start); report files in {_plan.LogsDirectory}");
                return null;
            case FailStudy failed:
                throw new CliException($"the study failed: {failed.Reason}");
            case CancelWork:
                return null;
            default:
                throw new InvalidOperationException($"unknown command {command}");
        }
    }

    /// <summary>Applies the event (none for commands that only finish), removes the command, saves, tells the observer.</summary>
    private void Accept(StudyCommand? done, StudyEvent? e, bool keepCommand = false)
    {
        var pending = done is null || keepCommand ? _pending : _pending.Remove(done);
        if (e is not null)
        {
            var transition = StudyWorkflow.Apply(_state, e);
            if (transition.WasIgnored) _log.Warning($"workflow ignored {e.GetType().Name}: {transition.IgnoredReason}");
            _state = transition.State;
            pending = pending.AddRange(transition.Commands);
        }

        _pending = pending;
        new PersistedStudy(PersistedStudy.CurrentSchemaVersion, _plan.Fingerprint, _startTime, _state, _pending, _durations,
            _state.Status == StudyStatus.Failed ? _retryFrom : null).Save(_plan.StateFile);
        if (e is not null) _observer?.Invoke(e);
    }

    /// <summary>The failure event of a training or an evaluation that threw; null for a stop or other commands' errors.</summary>
    private static StudyEvent? FailureOf(StudyCommand command, Exception error, CancellationToken cancellationToken)
    {
        if (error is OperationCanceledException && cancellationToken.IsCancellationRequested) return null;
        var reason = error is CliException ? error.Message : $"{error.GetType().Name}: {ErrorBoundary.OneLine(error.Message)}";
        return command switch
        {
            TrainStage t => new StageFailed(t.ArmId, t.Stage, reason, t.Attempt),
            EvaluateCheckpoint e => new EvaluationFailed(e.ArmId, e.Stage, reason, e.Attempt),
            _ => null,
        };
    }

    private async Task<PreparedDatasets> EnsureDataAsync(CancellationToken cancellationToken)
    {
        if (_data is not null) return _data;
        var source = await ModelSource.ResolveAsync(_plan.Config.Model.Name, HubOrNull(), cancellationToken).ConfigureAwait(false);
        var tokenizer = StudyModelBuilder.LoadTokenizer(_plan.Config.Model, source);
        var allocator = ForgetCloud.Learning.Devices.TorchProcess.Configure();
        var adapted = ForgetCloud.Learning.Devices.TorchProcess.ConfigureFor(source.Architecture(), ForgetCloud.Learning.Devices.ComputeTarget.For(_plan.Config).ScalarType);
        if (adapted != allocator) _log.Info(adapted);
        _log.Info($"data: {DataReference()}");
        using var http = new HttpClient();
        _data = await DatasetPreparation.PrepareAsync(_plan.Config, tokenizer, ForgetCloud.Downloads.DatasetSources.For(_plan.Config.Data, http), cancellationToken)
            .ConfigureAwait(false);
        foreach (var stage in new[] { _data.Stage1, _data.Stage2 })
            _log.Info($"stage {stage.Stage} data ({ConfigNames.Of(stage.Dataset)} {stage.Split}): {stage.Summary}");
        var limits = _plan.Config.Evaluation.MaxExamples;
        _log.Info($"test sets: gsm8k {Limited(_data.Gsm8kTest.Count, limits.Gsm8k)} of {_data.Gsm8kTest.Count}, aqua_rat {Limited(_data.AquaRatTest.Count, limits.AquaRat)} of {_data.AquaRatTest.Count} items");
        return _data;
    }

    private static int Limited(int count, int? limit) => limit is { } l ? Math.Min(l, count) : count;

    private string DataReference() => _plan.Config.Data.Source == DataSourceKind.Local
        ? $"local {_plan.Config.Data.LocalDir}"
        : $"download (cache {_plan.Config.Data.EffectiveCacheDir})";

    private async Task<StudyEvent> TrainAsync(TrainStage command, CancellationToken cancellationToken)
    {
        var data = await EnsureDataAsync(cancellationToken).ConfigureAwait(false);
        var armConfig = _plan.ArmConfig(command.ArmId);
        var saveDir = armConfig.Logging.SaveDir;
        var stage = _state.FindArm(command.ArmId)!.Stage(command.Stage);
        // The newest checkpoint of this stage wins: the one the command names, the one the state last saw, or one a
        // stopped run saved in this study's checkpoint folder.
        var candidates = new List<CheckpointRef>();
        if (command.ResumeFrom is { } fromCommand) candidates.Add(fromCommand);
        if (stage.ResumePoint is { } fromState) candidates.Add(fromState);
        if (StageCheckpoint.FindLatest(saveDir, command.Stage) is { } found)
            candidates.Add(new CheckpointRef(found, checked((int)StageCheckpoint.Load(found).State.Step)));
        var resume = candidates.MaxBy(c => c.Step);
        var totalSteps = TotalSteps(data, command.Stage);
        var label = $"{command.ArmId} stage {command.Stage}";
        _log.Info(resume is null
            ? $"{label}: training {ConfigNames.Of(_plan.Config.Training.Stage(command.Stage).Dataset)} for {totalSteps} steps ({ConfigNames.Of(armConfig.Optimizer.Type)}, seed {armConfig.Seed})"
            : $"{label}: resuming from {resume.Location} at step {resume.Step} of {totalSteps}");

        var interval = Math.Max(1, _plan.Config.Logging.LogInterval);
        _progress.Start(label, totalSteps, resume?.Step ?? 0);
        var clock = Stopwatch.StartNew();
        StageTrainingResult result;
        try
        {
            result = await StageRunner.RunAsync(new StageRunRequest
            {
                Config = armConfig,
                Optimizer = armConfig.Optimizer.Type,
                Seed = armConfig.Seed,
                Stage = command.Stage,
                Data = data,
                CheckpointDirectory = saveDir,
                InitFrom = command.InitFrom is { } init ? [init.Location] : [],
                ResumeFrom = resume?.Location,
                TensorBoardDirectory = _plan.TensorBoardRun(command.ArmId, $"stage{command.Stage}"),
                OnStep = record =>
                {
                    _journal.Append(command.ArmId, record);
                    _progress.Update(record.Step, string.Create(CultureInfo.InvariantCulture, $"loss {record.Loss:F4}"));
                    if (record.Step % interval == 0 || record.Step == totalSteps || record.Skipped || record.Curve is not null)
                        _log.Info(StepLine(label, record, totalSteps));
                    Accept(null, new StageProgress(command.ArmId, command.Stage, checked((int)record.Step), checked((int)totalSteps)));
                },
                Log = line => _log.Info($"{command.ArmId}: {line}"),
                Hub = HubOrNull(),
            }, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _progress.Finish();
            AddDuration($"{command.ArmId}/stage{command.Stage}", clock.Elapsed.TotalSeconds);
        }

        var saved = new CheckpointRef(result.Checkpoint, checked((int)result.Steps));
        if (!result.Completed)
        {
            // The trainer saved a checkpoint after its current step; the command stays pending and resumes from it.
            Accept(command, new StageCheckpointSaved(command.ArmId, command.Stage, saved, IsFinal: false), keepCommand: true);
            throw new OperationCanceledException(cancellationToken);
        }

        _log.Info($"{label}: done, {result.Steps} steps{(result.SkippedSteps > 0 ? $" ({result.SkippedSteps} skipped: non-finite gradient)" : "")}, final checkpoint {result.Checkpoint}");
        return new StageCheckpointSaved(command.ArmId, command.Stage, saved, IsFinal: true);
    }

    private long TotalSteps(PreparedDatasets data, int stage)
    {
        var config = _plan.Config.Training.Stage(stage);
        var batches = (data.Stage(stage).Data.Examples.Count + config.BatchSize - 1) / config.BatchSize;
        return (long)((batches + config.GradientAccumulationSteps - 1) / config.GradientAccumulationSteps) * config.Epochs;
    }

    private static string StepLine(string label, TrainingStepRecord r, long total) => string.Create(CultureInfo.InvariantCulture,
        $"{label} step {r.Step}/{total} epoch {r.Epoch}: loss {r.Loss:F4} lr {r.LearningRate:E3} grad_norm {r.GradNorm:F3} {r.TokensPerSecond:F0} tokens/s{(r.Skipped ? " (update skipped)" : "")}{(r.Curve is { } c ? $"; held-out NLL gsm8k {c.Gsm8kNll:F4} aqua_rat {c.AquaRatNll:F4}" : "")}");

    private async Task<StudyEvent> EvaluateAsync(EvaluateCheckpoint command, CancellationToken cancellationToken)
    {
        var data = await EnsureDataAsync(cancellationToken).ConfigureAwait(false);
        var armConfig = _plan.ArmConfig(command.ArmId);
        var checkpoints = CheckpointChain(command.ArmId, command.Stage, command.Checkpoint);
        var label = $"{command.ArmId} evaluation {StageName(command.Stage)}";
        _log.Info($"{label}: {(checkpoints.Count == 0 ? "base model" : checkpoints[^1])}");
        var clock = Stopwatch.StartNew();
        CheckpointEvaluationResult result;
        try
        {
            result = command.CopyOf is { } shared
                ? CopyBaseEvaluation(shared, command.ArmId, label)
                : await CheckpointEvaluator.EvaluateAsync(new CheckpointEvaluationRequest
                {
                    Config = armConfig,
                    ArmId = command.ArmId,
                    Stage = command.Stage,
                    Data = data,
                    RecordsDirectory = _plan.RecordsDirectory(command.ArmId),
                    Checkpoints = checkpoints,
                    Progress = new EvaluationProgressReporter(_progress, label),
                    Hub = HubOrNull(),
                }, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _progress.Finish();
            AddDuration($"{command.ArmId}/eval{command.Stage}", clock.Elapsed.TotalSeconds);
        }

        var bootstrap = _analysis.BootstrapOrDefault;
        var gsm8k = Gsm8kScores.FromItems(result.Evaluation.Gsm8k, bootstrap);
        var aquaRat = AquaRatScores.FromItems(result.Evaluation.AquaRat, bootstrap);
        EvaluationScalars.Write(_plan.TensorBoardRun(command.ArmId, "eval"), command.Stage, gsm8k, aquaRat);
        _log.Info(string.Create(CultureInfo.InvariantCulture,
            $"{label} ({clock.Elapsed.TotalSeconds:F0} s): gsm8k ({gsm8k.Count} items) accuracy {gsm8k.FlexibleAccuracy.Estimate:P1} flexible, {gsm8k.StrictAccuracy.Estimate:P1} strict, answer NLL {gsm8k.AnswerNll.Estimate:F4} {Ci(gsm8k.AnswerNll)}; " +
            $"aqua_rat ({aquaRat.Count} items) acc {aquaRat.Accuracy.Estimate:P1}, acc_norm {aquaRat.AccuracyNorm.Estimate:P1}, generated {aquaRat.GenerationAccuracy.Estimate:P1}, rationale NLL {aquaRat.RationaleNll.Estimate:F4} {Ci(aquaRat.RationaleNll)}; records in {_plan.RecordsDirectory(command.ArmId)}"));
        return new CheckpointEvaluated(command.ArmId, command.Stage, _plan.RecordsDirectory(command.ArmId));
    }

    /// <summary>The workflow's decision that another arm's evaluation of the base model is this arm's: copy its records.</summary>
    private CheckpointEvaluationResult CopyBaseEvaluation(EvaluationRef source, string armId, string label)
    {
        var from = source.ResultRef;
        var to = _plan.RecordsDirectory(armId);
        Directory.CreateDirectory(to);
        foreach (var dataset in (DatasetKind[])[DatasetKind.Gsm8k, DatasetKind.AquaRat])
        {
            var name = EvaluationRecordFiles.FileName(dataset, source.Stage);
            File.Copy(Path.Combine(from, name), Path.Combine(to, name), overwrite: true);
        }
        _log.Info($"{label}: the base model is every arm's; {source.ArmId}'s evaluation of it is reused (records copied from {from})");
        return new CheckpointEvaluationResult(EvaluationRecordFiles.ReadStage(to, armId, 0, null),
            Path.Combine(to, EvaluationRecordFiles.FileName(DatasetKind.Gsm8k, 0)), Path.Combine(to, EvaluationRecordFiles.FileName(DatasetKind.AquaRat, 0)));
    }

    /// <summary>The final checkpoints a stage's model is built from: stage 1's (when this run has one), then this stage's.</summary>
    private List<string> CheckpointChain(string armId, int stage, CheckpointRef? checkpoint)
    {
        var chain = new List<string>();
        if (stage == 0) return chain;
        if (stage == 2 && _state.FindArm(armId)!.Stage(1).FinalCheckpoint is { } first) chain.Add(first.Location);
        chain.Add((checkpoint ?? throw new InvalidOperationException($"arm {armId} stage {stage}: evaluation without a checkpoint")).Location);
        return chain;
    }

    private async Task AnalyzeAsync(AnalyzeStudy command, CancellationToken cancellationToken)
    {
        var specs = command.Arms;
        var metadata = await MetadataAsync(cancellationToken).ConfigureAwait(false);
        if (!command.CanAnalyze)
        {
            var missing = command.NotEvaluated;
            // R needs rows 0, 1 and 2; a study that skipped a stage (--skip-training) has evaluations but no matrix.
            ReportJson.Write(Path.Combine(_plan.LogsDirectory, ReportFileNames.ExperimentMetadata), metadata);
            _log.Warning($"no forgetting analysis or plots: not evaluated: {string.Join(", ", missing)}; the per-example records are in {_plan.LogsDirectory}/<arm>/");
            return;
        }

        var evaluations = command.Evaluations
            .Select(r => EvaluationRecordFiles.ReadStage(r.ResultRef, r.ArmId, r.Stage, _state.FindArm(r.ArmId)!.Stage(r.Stage).FinalCheckpoint?.Location))
            .ToArray();
        _log.Info($"analysis: {evaluations.Length} evaluations of {specs.Length} arm(s), {_analysis.BootstrapOrDefault.Resamples} bootstrap resamples");
        var analysis = StudyAnalyzer.Analyze(specs, evaluations, _analysis);
        var steps = _journal.Read().ToDictionary(
            kv => kv.Key, kv => (IReadOnlyList<TrainingStepRecord>)[.. kv.Value.Where(r => !r.Skipped)], StringComparer.Ordinal);
        var training = TrainingHistory.Create(specs, steps);
        var drift = await WeightDriftReport.ReadAsync(specs, evaluations, (directory, _) => Task.FromResult(StageCheckpoint.ReadState(directory)), cancellationToken)
            .ConfigureAwait(false);
        var written = StudyReport.Write(_plan.LogsDirectory, analysis, _analysis, training, metadata with { EndTime = DateTimeOffset.Now }, drift);
        foreach (var arm in analysis.Arms) LogForgetting(arm);
        _log.Info($"wrote {string.Join(", ", written.Select(Path.GetFileName))}");
    }

    private void LogForgetting(ArmAnalysis arm)
    {
        foreach (var family in new[] { arm.Accuracy, arm.Nll })
        {
            var rows = family.MatrixIntervals.Select((row, i) =>
                $"{StageName(i)} [{string.Join(", ", row.Select(c => string.Create(CultureInfo.InvariantCulture, $"{c.Estimate:F4} {Ci(c)}")))}]");
            _log.Info($"{arm.ArmId} R {family.Metric} (gsm8k, aqua_rat): {string.Join("; ", rows)}");
            _log.Info($"{arm.ArmId} {family.Metric} differences: {string.Join("; ", family.Differences.Select(d => string.Create(CultureInfo.InvariantCulture, $"{d.Name} {d.Interval.Estimate:+0.0000;-0.0000} {Ci(d.Interval)}{(d.Interval.Excludes(0) ? " *" : "")}")))}");
        }
    }

    private async Task<ExperimentMetadata> MetadataAsync(CancellationToken cancellationToken)
    {
        var source = await ModelSource.ResolveAsync(_plan.Config.Model.Name, HubOrNull(), cancellationToken).ConfigureAwait(false);
        return StudyMetadata.Create(_plan.Config, _plan.Options.ConfigRef, source.Architecture(), _plan.Options.Arms, _startTime, null, _durations);
    }

    private void LogConfiguration()
    {
        var c = _plan.Config;
        _log.Info($"study {_plan.Options.ConfigRef} in {_plan.OutputRoot}");
        _log.Info($"model {c.Model.Name} ({ConfigNames.Of(c.Model.Source)}), {(c.Model.UseLora ? $"LoRA r={c.Model.LoraRank} alpha={c.Model.LoraAlpha} dropout={c.Model.LoraDropout} on {string.Join(",", c.Model.TargetModules)}" : "full fine-tuning")}{(c.Model.LoadIn4Bit ? $", 4-bit base ({ConfigNames.Of(c.Model.Bnb4BitQuantType)}{(c.Model.Bnb4BitUseDoubleQuant ? " + double quant" : "")}, compute {ConfigNames.Of(c.Model.Bnb4BitComputeDtype)})" : "")}, dtype {ConfigNames.Of(c.Dtype)}, device {c.Device}");
        var target = ForgetCloud.Learning.Devices.ComputeTarget.For(c);
        _log.Info($"compute: {target.Summary}; {ForgetCloud.Learning.Devices.TorchProcess.Configure()}");
        if (target.Warning is { } warning) _log.Info($"warning: {warning}");
        _log.Info($"arms: {string.Join(", ", _plan.Arms.Select(a => $"{a.Id} ({a.Optimizer}, seed {a.Seed})"))}{(_plan.Options.SkipTraining ? "; --skip-training" : "")}");
        foreach (var stage in new[] { 1, 2 })
        {
            var s = c.Training.Stage(stage);
            _log.Info(string.Create(CultureInfo.InvariantCulture,
                $"stage {stage}: {ConfigNames.Of(s.Dataset)} {s.Split}, max_examples {s.MaxExamples?.ToString(CultureInfo.InvariantCulture) ?? "all"}, {s.Epochs} epoch(s), batch {s.BatchSize} x {s.GradientAccumulationSteps}, lr {s.LearningRate:G4} {ConfigNames.Of(s.LrSchedulerType)}, weight_decay {s.WeightDecay:G4}, max_length {s.MaxLength}"));
        }

        var e = c.Evaluation;
        _log.Info($"evaluation: max_examples gsm8k {e.MaxExamples.Gsm8k?.ToString(CultureInfo.InvariantCulture) ?? "all"}, aqua_rat {e.MaxExamples.AquaRat?.ToString(CultureInfo.InvariantCulture) ?? "all"}, batch {e.BatchSize}, max_new_tokens {e.MaxNewTokens}, {e.BootstrapResamples} bootstrap resamples at {e.ConfidenceLevel:P0}");
        _log.Info($"outputs: logs {c.Logging.LogDir}, tensorboard {c.Logging.TensorboardDir}, checkpoints {c.Logging.SaveDir}; log every {c.Logging.LogInterval} steps, checkpoint every {c.Logging.SaveInterval}");
    }

    /// <summary>A new study must not pick up checkpoints some other run left in its folders.</summary>
    private void RequireNoCheckpoints()
    {
        foreach (var arm in _plan.Arms)
        {
            foreach (var stage in new[] { 1, 2 })
            {
                if (StageCheckpoint.FindLatest(_plan.ArmConfig(arm.Id).Logging.SaveDir, stage) is { } found)
                {
                    throw new CliException(
                        $"{found} exists but {_plan.StateFile} does not: the folder holds another run's checkpoints; choose another --output-dir (to continue from that checkpoint, pass --resume-stage{stage} {found})");
                }
            }
        }
    }

    private void AddDuration(string key, double seconds) =>
        _durations = _durations.SetItem(key, _durations.GetValueOrDefault(key) + seconds);

    private HubDownloader? HubOrNull() => _plan.Config.Model.Source == ModelSourceKind.Hub ? _services.Hub() : null;

    private static string StageName(int stage) => stage == 0 ? "base" : $"stage{stage}";

    private static string Ci(ConfidenceInterval c) =>
        string.Create(CultureInfo.InvariantCulture, $"[{c.Lower:F4}, {c.Upper:F4}]");

    private static string FormatSeconds(double seconds) =>
        TimeSpan.FromSeconds(seconds).ToString(@"h\:mm\:ss", CultureInfo.InvariantCulture);

    private static string Describe(StudyCommand command) => command switch
    {
        TrainStage t => $"train {t.ArmId} stage {t.Stage}",
        EvaluateCheckpoint e => $"evaluate {e.ArmId} {StageName(e.Stage)}",
        AnalyzeStudy => "analysis",
        PrepareDatasets => "data",
        _ => command.GetType().Name,
    };

    /// <summary>One bar per test set: restarts when the dataset changes.</summary>
    private sealed class EvaluationProgressReporter(ProgressDisplay display, string label) : IProgress<EvaluationProgress>
    {
        private DatasetKind? _dataset;

        public void Report(EvaluationProgress value)
        {
            if (_dataset != value.Dataset)
            {
                _dataset = value.Dataset;
                display.Start($"{label} {ConfigNames.Of(value.Dataset)}", value.Total);
            }

            display.Update(value.Done, value.Phase.ToString());
        }
    }
}
