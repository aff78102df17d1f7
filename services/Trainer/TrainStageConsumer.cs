using ForgetCloud.Contracts.Configuration;
using System.Threading.Channels;
using Azure.Storage.Blobs;
using ForgetCloud.Contracts.Blobs;
using ForgetCloud.Contracts.Messages;
using ForgetCloud.Learning.Checkpoints;
using ForgetCloud.Learning.Execution;
using ForgetCloud.Learning.Modeling;
using ForgetCloud.Learning.Training;
using ForgetCloud.ServiceDefaults.Blobs;
using ForgetCloud.Workers;
using ForgetCloud.Workers.Checkpoints;
using ForgetCloud.Workers.Cancellation;
using ForgetCloud.Workers.Datasets;
using ForgetCloud.Workers.Heartbeats;
using ForgetCloud.Workers.Messaging;
using ForgetCloud.Workers.Runs;
using MassTransit;

namespace ForgetCloud.Trainer;

/// <summary>
/// TrainStage -> one stage of one arm with <see cref="StageRunner"/> in a local working folder. Before training: if the
/// stage's final checkpoint is already in blob storage (a duplicate or redelivered command), it republishes
/// StageCheckpointSaved(final) and stops; otherwise it resumes from the newest checkpoint of (run, arm, stage) in blob
/// storage (or the command's ResumeFrom when that is newer, e.g. another run's). While training, every checkpoint the
/// trainer saves is uploaded and announced (StageCheckpointSaved; IsFinal for the stage's last), and progress goes out
/// every <c>logging.log_interval</c> steps. The delivery is held for the whole stage: if this process dies, the broker
/// redelivers it and the next trainer resumes from the last uploaded checkpoint. Errors -> StageFailed (the command's
/// Attempt echoed); CancelRun -> training stops, nothing is published.
/// </summary>
public sealed partial class TrainStageConsumer(
    BlobContainerClient blobs,
    RunConfigReader configs,
    DatasetShardReader datasets,
    CheckpointStore checkpoints,
    RunCancellations cancellations,
    TrainerMetrics metrics,
    DetachedPublisher detached,
    StageHeartbeats heartbeats,
    WorkDirectory work,
    IModelDownloader hub,
    ILogger<TrainStageConsumer> logger) : IConsumer<TrainStage>
{
    public async Task Consume(ConsumeContext<TrainStage> context)
    {
        var m = context.Message;
        await using var heartbeat = heartbeats.Start(m.RunId, m.ArmId, m.Stage, StageWork.Training, m.Attempt);
        try
        {
            if (!await cancellations.RunAsync(m.RunId, context.CancellationToken, token => TrainAsync(context, m, token)))
                LogCancelled(logger, m.RunId, m.ArmId, m.Stage);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogFailed(logger, e, m.RunId, m.ArmId, m.Stage, m.Attempt);
            await detached.PublishAsync(new StageFailed(m.RunId, m.ArmId, m.Stage, $"{e.GetType().Name}: {e.Message}", m.Attempt));
        }
    }

    private async Task TrainAsync(ConsumeContext<TrainStage> context, TrainStage m, CancellationToken token)
    {
        var newest = await checkpoints.FindNewestAsync(m.RunId, m.ArmId, m.Stage, token);
        if (newest is { State.Completed: true })
        {
            LogAlreadyTrained(logger, m.RunId, m.ArmId, m.Stage, newest.Location.Location);
            await context.Publish(new StageCheckpointSaved(m.RunId, m.ArmId, m.Stage, newest.Location, IsFinal: true), token);
            return;
        }

        var config = new ArmSpec(m.ArmId, m.Optimizer, m.Seed).ConfigFor(await configs.ReadAsync(m.ConfigRef, token));
        var (data, _) = await datasets.ReadAsync(m.DatasetRefs, token);
        var folder = work.Fresh("train", m.RunId, m.ArmId, $"stage{m.Stage}");
        // Stage 2 resumed without this run's stage 1 (resume_stage2): merge_and_new still needs stage 1's adapters,
        // which this run may hold from an earlier attempt; StageRunner refuses to go on without them.
        var init = m.InitFrom;
        if (init is null && m.Stage == 2 && StudyModelBuilder.Stage2NeedsStage1Checkpoint(config)
            && await checkpoints.FindNewestAsync(m.RunId, m.ArmId, 1, token) is { State.Completed: true } stage1)
            init = stage1.Location;
        IReadOnlyList<string> initFrom = init is not null
            ? [(await checkpoints.DownloadAsync(init.Location, Path.Combine(folder, "init"), token)).Directory]
            : [];
        // The command's ResumeFrom was the newest known when it was issued; blob storage may hold a newer one.
        var resume = newest is not null && (m.ResumeFrom is null || newest.Location.Step >= m.ResumeFrom.Step) ? newest.Location : m.ResumeFrom;
        string? resumeDirectory = resume is null ? null : (await checkpoints.DownloadAsync(resume.Location, Path.Combine(folder, "resume"), token)).Directory;

        var records = new TrainingRecordLog(blobs, m.RunId, m.ArmId, m.Stage);
        await records.LoadAsync(resume?.Step ?? 0, token);
        var checkpointDirectory = Path.Combine(folder, "checkpoints");
        var outbox = Channel.CreateUnbounded<object>(new UnboundedChannelOptions { SingleReader = true });
        var pump = PumpAsync(m, outbox.Reader, records, Path.Combine(folder, "tensorboard"), Math.Max(1, config.Logging.LogInterval));
        string? announced = null;
        void Announce(string? directory)
        {
            if (directory is null || directory == announced) return;
            announced = directory;
            outbox.Writer.TryWrite(new SavedCheckpoint(directory));
        }

        StageTrainingResult result;
        try
        {
            result = await StageRunner.RunAsync(new StageRunRequest
            {
                Config = config,
                Hub = hub,
                Optimizer = config.Optimizer.Type,
                Seed = m.Seed,
                Stage = m.Stage,
                Data = data,
                CheckpointDirectory = checkpointDirectory,
                InitFrom = initFrom,
                ResumeFrom = resumeDirectory,
                TensorBoardDirectory = Path.Combine(folder, "tensorboard"),
                // Known once the batch plan is built; the outbox keeps it ahead of the first step's progress.
                OnTotalSteps = total => outbox.Writer.TryWrite(new StageLength(total)),
                OnStep = step =>
                {
                    // The trainer saves a step's checkpoint after this callback: the one from an earlier step is complete now.
                    Announce(StageCheckpoint.FindLatest(checkpointDirectory, m.Stage));
                    records.Add(step);
                    metrics.Record(m.RunId, m.ArmId, step);
                    outbox.Writer.TryWrite(step);
                },
                Log = line => LogTrainer(logger, m.RunId, m.ArmId, line),
            }, token);
            Announce(result.Checkpoint);
        }
        finally
        {
            metrics.EndStage(m.RunId, m.ArmId, m.Stage);
            outbox.Writer.Complete();
            // Upload what was saved even when training stopped early: the next attempt resumes from it.
            await pump;
        }
        token.ThrowIfCancellationRequested();
        if (!result.Completed)
            throw new InvalidOperationException($"stage {m.Stage} stopped at step {result.Steps} of {result.TotalSteps} without being cancelled");
        Directory.Delete(folder, recursive: true);
    }

    /// <summary>
    /// Publishes progress and uploads and announces checkpoints in the order training produced them, off the training
    /// thread; through <see cref="DetachedPublisher"/>, since it runs on after a dropped connection cancelled the consume.
    /// </summary>
    private async Task PumpAsync(
        TrainStage m, ChannelReader<object> outbox, TrainingRecordLog records, string tensorBoard, int interval)
    {
        await Task.Yield();
        int? totalSteps = null;
        // Uploads must finish even when the run token fires mid-way: a half-uploaded checkpoint has no manifest and is skipped anyway.
        await foreach (var item in outbox.ReadAllAsync(CancellationToken.None))
        {
            switch (item)
            {
                case StageLength length:
                    totalSteps = checked((int)length.TotalSteps);
                    break;
                case TrainingStepRecord step when step.Step % interval == 0 || step.Curve is not null:
                    var values = new Dictionary<string, double>
                    {
                        ["loss"] = step.Loss,
                        ["learning_rate"] = step.LearningRate,
                        ["grad_norm"] = double.IsFinite(step.GradNorm) ? step.GradNorm : -1,
                        ["tokens_per_second"] = step.TokensPerSecond,
                        ["epoch"] = step.Epoch,
                    };
                    if (step.Curve is { } curve)
                    {
                        values["curve_gsm8k_nll"] = curve.Gsm8kNll;
                        values["curve_aqua_rat_nll"] = curve.AquaRatNll;
                    }
                    await detached.PublishAsync(new StageProgress(m.RunId, m.ArmId, m.Stage, checked((int)step.Step), totalSteps, values));
                    break;
                case SavedCheckpoint saved:
                    var checkpoint = StageCheckpoint.Load(saved.Directory);
                    var location = await checkpoints.UploadAsync(m.RunId, m.ArmId, checkpoint, CancellationToken.None);
                    await records.SaveAsync(checkpoint.State.Step, CancellationToken.None);
                    if (Directory.Exists(tensorBoard))
                        await blobs.UploadDirectoryAsync(tensorBoard, BlobLayout.StageTensorBoard(m.RunId, m.ArmId, m.Stage), cancellationToken: CancellationToken.None);
                    LogUploaded(logger, m.RunId, m.ArmId, m.Stage, location.Location);
                    await detached.PublishAsync(new StageCheckpointSaved(m.RunId, m.ArmId, m.Stage, location, checkpoint.State.Completed));
                    break;
            }
        }
    }

    private sealed record SavedCheckpoint(string Directory);

    private sealed record StageLength(long TotalSteps);

    [LoggerMessage(Level = LogLevel.Information, Message = "Run {RunId} {ArmId} stage {Stage}: training stopped, the run was cancelled.")]
    private static partial void LogCancelled(ILogger logger, string runId, string armId, int stage);

    [LoggerMessage(Level = LogLevel.Error, Message = "Run {RunId} {ArmId} stage {Stage}: attempt {Attempt} failed.")]
    private static partial void LogFailed(ILogger logger, Exception e, string runId, string armId, int stage, int attempt);

    [LoggerMessage(Level = LogLevel.Information, Message = "Run {RunId} {ArmId} stage {Stage}: already trained ({Checkpoint}); final checkpoint announced again.")]
    private static partial void LogAlreadyTrained(ILogger logger, string runId, string armId, int stage, string checkpoint);

    [LoggerMessage(Level = LogLevel.Information, Message = "Run {RunId} {ArmId}: {Line}")]
    private static partial void LogTrainer(ILogger logger, string runId, string armId, string line);

    [LoggerMessage(Level = LogLevel.Information, Message = "Run {RunId} {ArmId} stage {Stage}: checkpoint uploaded to {Location}.")]
    private static partial void LogUploaded(ILogger logger, string runId, string armId, int stage, string location);
}
