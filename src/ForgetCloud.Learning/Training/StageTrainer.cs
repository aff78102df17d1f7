using System.Diagnostics;
using System.Globalization;
using ForgetCloud.Contracts.Configuration;
using ForgetCloud.Learning.Checkpoints;
using ForgetCloud.Learning.Data;
using ForgetCloud.Learning.Diagnostics;
using ForgetCloud.Learning.Modeling;
using ForgetCloud.Learning.Optimization;
using static TorchSharp.torch;

namespace ForgetCloud.Learning.Training;

/// <summary>
/// Trains one stage. A step is <c>gradient_accumulation_steps</c> consecutive batches of one epoch (the last step of
/// an epoch may have fewer); its loss is the sum of the answer tokens' cross-entropies over all its batches divided by
/// their count (token-weighted, so accumulation equals one big batch). Then: global gradient norm, clipping, the
/// optimizer update at the scheduled learning rate, a <see cref="TrainingStepRecord"/>, and a checkpoint every
/// <c>logging.save_interval</c> steps, at the end, and when cancelled.
/// </summary>
public static class StageTrainer
{
    /// <summary>
    /// Prepares <paramref name="model"/> for the stage (<see cref="StageModelSetup.Prepare"/>), restores the
    /// checkpoint in <see cref="StageTrainingRequest.ResumeFrom"/> if any, and trains to the end of the stage or until
    /// <paramref name="cancellationToken"/> fires (then it finishes the current step, saves a checkpoint and returns
    /// with <see cref="StageTrainingResult.Completed"/> false). The model keeps the trained weights and is left in
    /// eval mode.
    /// </summary>
    public static StageTrainingResult Train(LlamaForCausalLM model, StageTrainingRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(request);
        var log = request.Log ?? (_ => { });
        var config = request.Config;
        var stageConfig = config.Training.Stage(request.Stage);
        var plan = request.Batches;
        var seed = request.Seed ?? config.Seed;
        Validate(model, request, stageConfig);

        var removed = StageCheckpoint.CleanTemporary(request.CheckpointDirectory);
        if (removed > 0) log($"removed {removed} unfinished checkpoint folder(s) left by an interrupted save in {request.CheckpointDirectory}");
        StageCheckpoint? resume = request.ResumeFrom is { } from ? StageCheckpoint.Load(from) : null;

        log($"stage {request.Stage}: {StageModelSetup.Prepare(model, config.Model, request.Stage, seed)}");
        // Before a resume restores trained weights: the drift is measured from the stage's start.
        using var drift = config.Evaluation.WeightDrift ? WeightDrift.Capture(model) : null;
        using var weights = new TrainableWeights(model);
        using var optimizer = TrainingOptimizerFactory.Create(request.Optimizer, config.Optimizer, stageConfig, weights.Masters);
        foreach (var notice in optimizer.ConfigurationNotices) log(notice);
        if (request.Tokenization is { } summary) log($"stage {request.Stage} data: {summary}");

        var accumulation = stageConfig.GradientAccumulationSteps;
        var stepsPerEpoch = (plan.BatchesPerEpoch + accumulation - 1) / accumulation;
        var totalSteps = (long)stepsPerEpoch * stageConfig.Epochs;
        var schedule = new LearningRateSchedule(
            TrainingOptimizerFactory.ScheduleKind(stageConfig.LrSchedulerType), stageConfig.LearningRate, totalSteps,
            stageConfig.WarmupStepsFor(checked((int)totalSteps)));
        var lora = config.Model.UseLora ? StageModelSetup.LoraConfigFor(config.Model) : null;
        var configYaml = StudyConfigLoader.ToYaml(config);

        long step = 0, skipped = 0;
        var consecutiveSkipped = 0;
        var elapsedBefore = TimeSpan.Zero;
        if (resume is not null)
        {
            CheckFits(resume, request, lora is not null, totalSteps, plan, accumulation, DtypeName(model.DType));
            resume.LoadTrainableWeights(weights.Masters);
            weights.CopyMastersToModel();
            using (var state = resume.ReadOptimizerState()) optimizer.ImportState(state);
            (step, skipped, consecutiveSkipped) = (resume.State.Step, resume.State.SkippedSteps, resume.State.ConsecutiveSkippedSteps);
            elapsedBefore = TimeSpan.FromSeconds(resume.State.ElapsedSeconds);
            log($"stage {request.Stage}: resumed from {resume.Directory} at step {step} of {totalSteps}");
        }

        request.OnTotalSteps?.Invoke(totalSteps);
        var tensorBoard = request.TensorBoardDirectory is { } tb ? new TensorBoardLog(tb) : null;
        var clock = Stopwatch.StartNew();
        var lastCheckpoint = resume?.Directory;
        model.train();
        try
        {
            while (step < totalSteps)
            {
                var epoch = (int)(step / stepsPerEpoch);
                var firstBatch = (int)(step % stepsPerEpoch) * accumulation;
                var count = Math.Min(accumulation, plan.BatchesPerEpoch - firstBatch);
                var batches = Enumerable.Range(firstBatch, count).Select(b => plan.BatchAt(new DataPosition(epoch, b))).ToList();
                var learningRate = schedule.LearningRateAt(step);
                var stepClock = Stopwatch.StartNew();
                var (loss, norm) = TrainingStep.Run(model, weights, optimizer, batches, stageConfig.MaxGradNorm, learningRate,
                    config.Training.GradientCheckpointing, TrainingRandom.StepSeed(seed, request.Stage, step));
                var skip = !double.IsFinite(norm) || !double.IsFinite(loss);
                step++;
                if (skip)
                {
                    skipped++;
                    consecutiveSkipped++;
                    log(string.Create(CultureInfo.InvariantCulture, $"stage {request.Stage} step {step}: gradient norm {norm}, loss {loss}: update skipped ({consecutiveSkipped} in a row, {skipped} in the stage)"));
                }
                else
                {
                    consecutiveSkipped = 0;
                }

                var seconds = stepClock.Elapsed.TotalSeconds;
                var tokens = batches.Sum(b => b.RealTokens);
                // Measured after the step's time is taken, so tokens/s stays the training throughput.
                var curve = request.Curves is { } probe && (step % config.Evaluation.CurveInterval == 0 || step == totalSteps)
                    ? probe.Measure(model)
                    : null;
                var record = new TrainingStepRecord(request.Stage, epoch, step, loss, learningRate, norm, tokens,
                    batches.Sum(b => b.ScoredTokens), tokens / Math.Max(seconds, 1e-9), elapsedBefore + clock.Elapsed, skip, curve);
                tensorBoard?.Write(record);
                request.OnStep?.Invoke(record);
                if (consecutiveSkipped >= request.MaxConsecutiveNonFiniteSteps)
                {
                    throw new NonFiniteGradientException(string.Create(CultureInfo.InvariantCulture,
                        $"stage {request.Stage}: {consecutiveSkipped} consecutive steps up to step {step} had a non-finite gradient norm or loss (last: norm {norm}, loss {loss}); lower the learning rate or use fp32. The last good checkpoint is {lastCheckpoint ?? "none"}."));
                }

                var cancelled = cancellationToken.IsCancellationRequested;
                if (step % config.Logging.SaveInterval == 0 || step == totalSteps || cancelled)
                {
                    var position = new DataPosition(epoch, firstBatch + count - 1).Next(plan.BatchesPerEpoch);
                    var state = new TrainerState
                    {
                        Stage = request.Stage, Optimizer = optimizer.Name, Lora = lora is not null, Dtype = DtypeName(model.DType),
                        Seed = seed, Step = step, TotalSteps = totalSteps, Epoch = epoch, DataEpoch = position.Epoch,
                        DataBatchIndex = position.BatchIndex, BatchesPerEpoch = plan.BatchesPerEpoch, BatchSize = plan.BatchSize,
                        GradientAccumulationSteps = accumulation, LearningRate = learningRate, SkippedSteps = skipped,
                        ConsecutiveSkippedSteps = consecutiveSkipped, ElapsedSeconds = (elapsedBefore + clock.Elapsed).TotalSeconds,
                        OptimizerCounters = [], Completed = step == totalSteps,
                    };
                    using var optimizerState = optimizer.ExportState();
                    state = state with { OptimizerCounters = new Dictionary<string, long>(optimizerState.Counters) };
                    if (state.Completed && drift is not null)
                    {
                        state = state with { WeightDrift = drift.Measure(weights) };
                        log($"stage {request.Stage}: {WeightDrift.Summary(state.WeightDrift)}");
                    }
                    lastCheckpoint = StageCheckpoint.Save(request.CheckpointDirectory, state, model, weights.Masters, lora,
                        optimizerState, configYaml);
                    log($"stage {request.Stage}: checkpoint {lastCheckpoint}");
                }

                if (cancelled && step < totalSteps)
                {
                    log($"stage {request.Stage}: cancelled after step {step} of {totalSteps}; resume from {lastCheckpoint}");
                    return new StageTrainingResult(request.Stage, false, lastCheckpoint!, step, totalSteps, skipped, request.Tokenization, optimizer.ConfigurationNotices);
                }
            }
        }
        finally
        {
            model.eval();
        }

        return new StageTrainingResult(request.Stage, true, lastCheckpoint!, step, totalSteps, skipped, request.Tokenization, optimizer.ConfigurationNotices);
    }

    private static void Validate(LlamaForCausalLM model, StageTrainingRequest request, StageConfig stage)
    {
        if (request.Batches.BatchSize != stage.BatchSize)
            throw new ArgumentException($"the batch plan has batch size {request.Batches.BatchSize}, but training.stage{request.Stage}.batch_size is {stage.BatchSize}");
        // dtype auto was resolved when the model was built (ComputeTarget); an explicit dtype must match it.
        if (request.Config.Dtype != Precision.Auto && DtypeName(model.DType) != ConfigNames.Of(request.Config.Dtype))
            throw new ArgumentException($"dtype is {ConfigNames.Of(request.Config.Dtype)} but the model was built in {model.DType}; build it with ComputeTarget.For(config)");
        if (model.DType is not (ScalarType.BFloat16 or ScalarType.Float32))
            throw new ArgumentException($"training computes in bf16 or fp32, not {model.DType}");
        if (request.Config.Logging.SaveInterval < 1) throw new ArgumentException($"logging.save_interval must be >= 1 (got {request.Config.Logging.SaveInterval})");
        if (request.MaxConsecutiveNonFiniteSteps < 1) throw new ArgumentException("MaxConsecutiveNonFiniteSteps must be >= 1");
        if (string.IsNullOrWhiteSpace(request.CheckpointDirectory)) throw new ArgumentException("the checkpoint directory is empty");
        if (request.Curves is not null && request.Config.Evaluation.CurveInterval < 1)
            throw new ArgumentException($"forgetting curves need evaluation.curve_interval >= 1 (got {request.Config.Evaluation.CurveInterval})");
    }

    private static void CheckFits(StageCheckpoint checkpoint, StageTrainingRequest request, bool lora, long totalSteps, BatchPlan plan, int accumulation, string dtype)
    {
        var s = checkpoint.State;
        var problems = new List<string>();
        if (s.Stage != request.Stage) problems.Add($"it is a stage {s.Stage} checkpoint, this is stage {request.Stage}");
        var optimizerName = request.Optimizer == OptimizerKind.Muon ? MuonOptimizer.OptimizerName : AdamWOptimizer.OptimizerName;
        if (s.Optimizer != optimizerName) problems.Add($"it was trained with {s.Optimizer}, this run uses {optimizerName}");
        if (s.Lora != lora) problems.Add($"it is {(s.Lora ? "a LoRA" : "a full fine-tuning")} checkpoint, this run is {(lora ? "LoRA" : "full fine-tuning")}");
        if (s.TotalSteps != totalSteps || s.BatchesPerEpoch != plan.BatchesPerEpoch || s.BatchSize != plan.BatchSize || s.GradientAccumulationSteps != accumulation)
            problems.Add($"its schedule ({s.TotalSteps} steps, {s.BatchesPerEpoch} batches/epoch of {s.BatchSize}, accumulation {s.GradientAccumulationSteps}) differs from this run's ({totalSteps}, {plan.BatchesPerEpoch} of {plan.BatchSize}, {accumulation})");
        if (s.Step < 1 || s.Step > totalSteps) problems.Add($"its step {s.Step} is outside 1..{totalSteps}");
        var stepsPerEpoch = totalSteps / Math.Max(1, request.Config.Training.Stage(request.Stage).Epochs);
        var expected = s.Step % stepsPerEpoch == 0
            ? new DataPosition((int)(s.Step / stepsPerEpoch), 0)
            : new DataPosition((int)(s.Step / stepsPerEpoch), (int)(s.Step % stepsPerEpoch) * accumulation);
        if (s.DataEpoch != expected.Epoch || s.DataBatchIndex != expected.BatchIndex)
            problems.Add($"its data position (epoch {s.DataEpoch}, batch {s.DataBatchIndex}) is not where step {s.Step} ends ({expected})");
        if (s.Dtype != dtype) problems.Add($"it was trained in {s.Dtype}, this run computes in {dtype}");
        if (problems.Count > 0) throw new CheckpointException($"checkpoint '{checkpoint.Directory}' cannot resume this run: {string.Join("; ", problems)}");
    }

    private static string DtypeName(ScalarType dtype) => dtype == ScalarType.BFloat16 ? "bf16" : "fp32";
}
