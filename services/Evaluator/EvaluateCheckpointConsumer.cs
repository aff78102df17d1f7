using System.Diagnostics;
using Azure.Storage.Blobs;
using ForgetCloud.Contracts.Blobs;
using ForgetCloud.Contracts.Configuration;
using ForgetCloud.Contracts.Messages;
using ForgetCloud.Learning.Evaluation;
using ForgetCloud.Learning.Execution;
using ForgetCloud.Learning.Modeling;
using ForgetCloud.Reporting.Analysis;
using ForgetCloud.ServiceDefaults.Blobs;
using ForgetCloud.Workers;
using ForgetCloud.Workers.Cancellation;
using ForgetCloud.Workers.Checkpoints;
using ForgetCloud.Workers.Datasets;
using ForgetCloud.Workers.Heartbeats;
using ForgetCloud.Workers.Messaging;
using ForgetCloud.Workers.Runs;
using MassTransit;

namespace ForgetCloud.Evaluator;

/// <summary>
/// EvaluateCheckpoint -> the base model (null checkpoint) or the stage's trained model -> both test sets
/// (<see cref="CheckpointEvaluator"/>) -> per-example records, then the result (<see cref="EvaluationResult"/>) in blob
/// storage -> CheckpointEvaluated with headline metrics. Keyed by (run, arm, stage): when the result blob exists, the
/// evaluation is not recomputed and CheckpointEvaluated is published again from it. The base model is evaluated once
/// per run: the workflow names the first arm's result in <see cref="EvaluateCheckpoint.CopyOf"/> for every other arm's
/// stage 0, which copies it. Errors -> EvaluationFailed.
/// </summary>
public sealed partial class EvaluateCheckpointConsumer(
    BlobContainerClient blobs,
    RunConfigReader configs,
    DatasetShardReader datasets,
    CheckpointStore checkpoints,
    RunCancellations cancellations,
    EvaluatorMetrics metrics,
    DetachedPublisher detached,
    StageHeartbeats heartbeats,
    WorkDirectory work,
    IModelDownloader hub,
    ILogger<EvaluateCheckpointConsumer> logger) : IConsumer<EvaluateCheckpoint>
{
    public async Task Consume(ConsumeContext<EvaluateCheckpoint> context)
    {
        var m = context.Message;
        await using var heartbeat = heartbeats.Start(m.RunId, m.ArmId, m.Stage, StageWork.Evaluation, m.Attempt);
        try
        {
            if (!await cancellations.RunAsync(m.RunId, context.CancellationToken, token => EvaluateAsync(context, m, token)))
                LogCancelled(logger, m.RunId, m.ArmId, m.Stage);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogFailed(logger, e, m.RunId, m.ArmId, m.Stage, m.Attempt);
            await detached.PublishAsync(new EvaluationFailed(m.RunId, m.ArmId, m.Stage, $"{e.GetType().Name}: {e.Message}", m.Attempt));
        }
    }

    private async Task EvaluateAsync(ConsumeContext<EvaluateCheckpoint> context, EvaluateCheckpoint m, CancellationToken token)
    {
        var resultRef = BlobLayout.Evaluation(m.RunId, m.ArmId, m.Stage);
        if (await blobs.ExistsAsync(resultRef, token))
        {
            var existing = EvaluationResult.Parse(await blobs.DownloadTextAsync(resultRef, token), resultRef);
            LogAlreadyEvaluated(logger, m.RunId, m.ArmId, m.Stage);
            await context.Publish(new CheckpointEvaluated(m.RunId, m.ArmId, m.Stage, resultRef, existing.Metrics), token);
            return;
        }
        if ((m.Stage == 0) != (m.Checkpoint is null))
            throw new ArgumentException($"stage {m.Stage} {(m.Stage == 0 ? "is the base model and takes no checkpoint" : "needs the stage's final checkpoint")}");

        var clock = Stopwatch.StartNew();
        if (m.CopyOf is { } source)
        {
            var shared = EvaluationResult.Parse(await blobs.DownloadTextAsync(source.ResultRef, token), source.ResultRef);
            await ReuseBaseAsync(context, m, shared, resultRef, clock, token);
            return;
        }
        var config = await configs.ReadAsync(m.ConfigRef, token);
        var (data, _) = await datasets.ReadAsync(m.DatasetRefs, token);
        var folder = work.Fresh("evaluate", m.RunId, m.ArmId, $"stage{m.Stage}");
        var chain = await CheckpointChainAsync(config, m, folder, token);
        var result = await CheckpointEvaluator.EvaluateAsync(new CheckpointEvaluationRequest
        {
            Config = config,
            ArmId = m.ArmId,
            Stage = m.Stage,
            Data = data,
            RecordsDirectory = Path.Combine(folder, "records"),
            Hub = hub,
            Checkpoints = chain,
            Progress = new Progress(p => metrics.Progress(m.RunId, m.ArmId, m.Stage, p)),
        }, token);

        var directory = BlobLayout.EvaluationDirectory(m.RunId, m.ArmId);
        var gsm8kRef = directory + Path.GetFileName(result.Gsm8kRecords);
        var aquaRef = directory + Path.GetFileName(result.AquaRatRecords);
        await blobs.GetBlobClient(gsm8kRef).UploadAsync(result.Gsm8kRecords, overwrite: true, token);
        await blobs.GetBlobClient(aquaRef).UploadAsync(result.AquaRatRecords, overwrite: true, token);
        var headline = HeadlineMetrics.Of(result.Evaluation, AnalysisOptions.For(config));
        var stored = new EvaluationResult(EvaluationResult.CurrentSchemaVersion, m.RunId, m.ArmId, m.Stage, m.Checkpoint?.Location,
            gsm8kRef, aquaRef, result.Evaluation.Gsm8k.Count, result.Evaluation.AquaRat.Count, headline, clock.Elapsed.TotalSeconds);
        // The result goes last: its existence is what marks (run, arm, stage) as evaluated.
        await blobs.UploadTextAsync(resultRef, stored.ToJson(), token);
        metrics.Evaluated(m.RunId, m.ArmId, m.Stage, clock.Elapsed);
        Directory.Delete(folder, recursive: true);
        await context.Publish(new CheckpointEvaluated(m.RunId, m.ArmId, m.Stage, resultRef, headline), token);
    }

    /// <summary>This arm's copy of another arm's base evaluation: its own record files and result, the same metrics.</summary>
    private async Task ReuseBaseAsync(ConsumeContext<EvaluateCheckpoint> context, EvaluateCheckpoint m, EvaluationResult shared, string resultRef, Stopwatch clock, CancellationToken token)
    {
        var directory = BlobLayout.EvaluationDirectory(m.RunId, m.ArmId);
        var gsm8kRef = directory + Path.GetFileName(shared.Gsm8kRecords);
        var aquaRef = directory + Path.GetFileName(shared.AquaRatRecords);
        foreach (var (from, to) in new[] { (shared.Gsm8kRecords, gsm8kRef), (shared.AquaRatRecords, aquaRef) })
        {
            var content = await blobs.GetBlobClient(from).DownloadContentAsync(token);
            await blobs.GetBlobClient(to).UploadAsync(content.Value.Content, overwrite: true, token);
        }
        var computedBy = shared.ReusedFrom ?? shared.ArmId;
        var stored = shared with
        {
            ArmId = m.ArmId,
            Gsm8kRecords = gsm8kRef,
            AquaRatRecords = aquaRef,
            DurationSeconds = clock.Elapsed.TotalSeconds,
            ReusedFrom = computedBy,
        };
        await blobs.UploadTextAsync(resultRef, stored.ToJson(), token);
        LogReusedBase(logger, m.RunId, m.ArmId, computedBy);
        await context.Publish(new CheckpointEvaluated(m.RunId, m.ArmId, 0, resultRef, stored.Metrics), token);
    }

    /// <summary>
    /// The final checkpoints of stages 1..N, downloaded (what <see cref="StudyModelBuilder.BuildTrainedAsync"/> takes).
    /// For stage 2 the stage-1 final is this run's newest completed stage-1 checkpoint. Only LoRA merge_and_new reads
    /// its weights; the other modes take every weight from the last checkpoint, so where this run trained no stage 1
    /// (resume_stage2) the stage-2 checkpoint alone is enough.
    /// </summary>
    private async Task<IReadOnlyList<string>> CheckpointChainAsync(StudyConfig config, EvaluateCheckpoint m, string folder, CancellationToken token)
    {
        if (m.Checkpoint is null) return [];
        var last = (await checkpoints.DownloadAsync(m.Checkpoint.Location, Path.Combine(folder, $"stage{m.Stage}"), token)).Directory;
        if (m.Stage == 1) return [last];
        var stage1 = await checkpoints.FindNewestAsync(m.RunId, m.ArmId, 1, token);
        if (stage1 is { State.Completed: true })
            return [(await checkpoints.DownloadAsync(stage1.Location.Location, Path.Combine(folder, "stage1"), token)).Directory, last];
        if (config.Model.UseLora && config.Model.LoraStage2Mode == LoraStage2Mode.MergeAndNew)
            throw new InvalidOperationException($"run {m.RunId} arm {m.ArmId}: no completed stage-1 checkpoint in blob storage, and LoRA merge_and_new needs it to rebuild the stage-2 model");
        return [last];
    }

    private sealed class Progress(Action<EvaluationProgress> report) : IProgress<EvaluationProgress>
    {
        public void Report(EvaluationProgress value) => report(value);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Run {RunId} {ArmId} stage {Stage}: evaluation stopped, the run was cancelled.")]
    private static partial void LogCancelled(ILogger logger, string runId, string armId, int stage);

    [LoggerMessage(Level = LogLevel.Error, Message = "Run {RunId} {ArmId} stage {Stage}: evaluation attempt {Attempt} failed.")]
    private static partial void LogFailed(ILogger logger, Exception e, string runId, string armId, int stage, int attempt);

    [LoggerMessage(Level = LogLevel.Information, Message = "Run {RunId} {ArmId}: the base model is every arm's; {SourceArm}'s evaluation of it reused.")]
    private static partial void LogReusedBase(ILogger logger, string runId, string armId, string sourceArm);

    [LoggerMessage(Level = LogLevel.Information, Message = "Run {RunId} {ArmId} stage {Stage}: already evaluated; result announced again.")]
    private static partial void LogAlreadyEvaluated(ILogger logger, string runId, string armId, int stage);
}
