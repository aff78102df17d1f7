using System.Text.Json;
using Azure.Storage.Blobs;
using ForgetCloud.Contracts.Blobs;
using ForgetCloud.Contracts.Configuration;
using ForgetCloud.Contracts.Messages;
using ForgetCloud.Learning.Evaluation;
using ForgetCloud.Learning.Modeling;
using ForgetCloud.Learning.Training;
using ForgetCloud.Reporting.Analysis;
using ForgetCloud.Reporting.History;
using ForgetCloud.Reporting.Output;
using ForgetCloud.ServiceDefaults.Blobs;
using ForgetCloud.Workers;
using ForgetCloud.Workers.Cancellation;
using ForgetCloud.Workers.Checkpoints;
using ForgetCloud.Workers.Runs;
using MassTransit;

namespace ForgetCloud.Evaluator;

/// <summary>
/// AnalyzeStudy -> every evaluation's records and every stage's training records from blob storage ->
/// <see cref="StudyAnalyzer"/> and <see cref="StudyReport"/> (final_results.json, the history JSONs, the plots) ->
/// <c>runs/&lt;id&gt;/report/</c>, final_results.json last -> AnalysisCompleted. Idempotent: when final_results.json
/// exists it only announces it again. A transient failure is retried (<see cref="ForgetCloud.Workers.Retries.TransientFailures"/>);
/// what still fails reaches the Api as MassTransit's Fault&lt;AnalyzeStudy&gt; and fails the run with its message.
/// </summary>
public sealed partial class AnalyzeStudyConsumer(
    BlobContainerClient blobs,
    CheckpointStore checkpoints,
    RunConfigReader configs,
    RunCancellations cancellations,
    WorkDirectory work,
    IModelDownloader hub,
    ILogger<AnalyzeStudyConsumer> logger) : IConsumer<AnalyzeStudy>
{
    public async Task Consume(ConsumeContext<AnalyzeStudy> context)
    {
        var m = context.Message;
        if (!await cancellations.RunAsync(m.RunId, context.CancellationToken, token => AnalyzeAsync(context, m, token)))
            LogCancelled(logger, m.RunId);
    }

    private async Task AnalyzeAsync(ConsumeContext<AnalyzeStudy> context, AnalyzeStudy m, CancellationToken token)
    {
        if (m.NotEvaluated is { Count: > 0 } missing)
        {
            // The workflow's decision (skip_training): no forgetting matrix without stages 1 and 2, as in the CLI.
            // The run's metadata is its report; the evaluations' records are under each arm's folder already.
            var metadataRef = BlobLayout.Report(m.RunId) + ReportFileNames.ExperimentMetadata;
            if (!await blobs.ExistsAsync(metadataRef, token))
            {
                var config = await configs.ReadAsync(m.ConfigRef, token);
                var metadata = await MetadataAsync(m, config, m.Arms, new SortedDictionary<string, double>(StringComparer.Ordinal), token);
                await blobs.UploadTextAsync(metadataRef, ReportJson.Serialize(metadata), token);
            }
            LogNotAnalyzed(logger, m.RunId, string.Join(", ", missing));
            await context.Publish(new AnalysisCompleted(m.RunId, metadataRef), token);
            return;
        }
        var finalRef = BlobLayout.FinalResults(m.RunId);
        if (!await blobs.ExistsAsync(finalRef, token))
        {
            var folder = work.Fresh("analyze", m.RunId);
            var written = await WriteReportAsync(m, Path.Combine(folder, "report"), token);
            await blobs.UploadDirectoryAsync(Path.Combine(folder, "report"), BlobLayout.Report(m.RunId), ReportFileNames.FinalResults, token);
            Directory.Delete(folder, recursive: true);
            LogAnalyzed(logger, m.RunId, written);
        }
        await context.Publish(new AnalysisCompleted(m.RunId, finalRef), token);
    }

    private async Task<int> WriteReportAsync(AnalyzeStudy m, string directory, CancellationToken token)
    {
        var config = await configs.ReadAsync(m.ConfigRef, token);
        var arms = m.Arms;
        var options = AnalysisOptions.For(config);
        var records = Path.Combine(directory, "..", "records");
        var evaluations = new List<StageEvaluation>();
        var durations = new SortedDictionary<string, double>(StringComparer.Ordinal);
        foreach (var location in m.Evaluations)
        {
            var result = EvaluationResult.Parse(await blobs.DownloadTextAsync(location.ResultRef, token), location.ResultRef);
            var gsm8k = Path.Combine(records, $"{location.ArmId}_{Path.GetFileName(result.Gsm8kRecords)}");
            var aqua = Path.Combine(records, $"{location.ArmId}_{Path.GetFileName(result.AquaRatRecords)}");
            Directory.CreateDirectory(records);
            await blobs.GetBlobClient(result.Gsm8kRecords).DownloadToAsync(gsm8k, token);
            await blobs.GetBlobClient(result.AquaRatRecords).DownloadToAsync(aqua, token);
            evaluations.Add(new StageEvaluation(location.ArmId, location.Stage, result.Checkpoint,
                EvaluationRecordFiles.ReadGsm8k(gsm8k), EvaluationRecordFiles.ReadAquaRat(aqua)));
            durations[$"{location.ArmId}/eval{location.Stage}"] = result.DurationSeconds;
        }
        var analysis = StudyAnalyzer.Analyze(arms, evaluations, options);
        var drift = await WeightDriftReport.ReadAsync(arms, evaluations, checkpoints.ReadStateAsync, token);

        var steps = new Dictionary<string, IReadOnlyList<TrainingStepRecord>>(StringComparer.Ordinal);
        foreach (var arm in arms)
        {
            var armSteps = new List<TrainingStepRecord>();
            foreach (var stage in new[] { 1, 2 })
            {
                var blob = BlobLayout.TrainingRecords(m.RunId, arm.Id, stage);
                if (!await blobs.ExistsAsync(blob, token)) continue; // not trained here (skip_training, resumed from a final checkpoint)
                var stageSteps = TrainingRecordLog.Parse(await blobs.DownloadTextAsync(blob, token));
                // The history lists applied updates; skipped (non-finite) steps stay in the stage's records and log.
                armSteps.AddRange(stageSteps.Where(s => !s.Skipped));
                if (stageSteps.Count > 0) durations[$"{arm.Id}/stage{stage}"] = stageSteps[^1].Elapsed.TotalSeconds;
            }
            steps[arm.Id] = armSteps;
        }
        var training = TrainingHistory.Create(arms, steps);
        var metadata = await MetadataAsync(m, config, arms, durations, token);
        return StudyReport.Write(directory, analysis, options, training, metadata, drift).Count;
    }

    private async Task<ExperimentMetadata> MetadataAsync(
        AnalyzeStudy m, StudyConfig config, IReadOnlyList<ArmSpec> arms, SortedDictionary<string, double> durations, CancellationToken token)
    {
        var configBlob = await blobs.GetBlobClient(m.ConfigRef).GetPropertiesAsync(cancellationToken: token);
        var source = await ModelSource.ResolveAsync(config.Model.Name, hub, token);
        return StudyMetadata.Create(config, m.ConfigRef, source.Architecture(), arms, configBlob.Value.CreatedOn, DateTimeOffset.UtcNow, durations);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Run {RunId}: report written ({Files} files).")]
    private static partial void LogAnalyzed(ILogger logger, string runId, int files);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Run {RunId}: no forgetting analysis or plots: not evaluated: {Stages}; the metadata is the report.")]
    private static partial void LogNotAnalyzed(ILogger logger, string runId, string stages);

    [LoggerMessage(Level = LogLevel.Information, Message = "Run {RunId}: cancelled; analysis abandoned.")]
    private static partial void LogCancelled(ILogger logger, string runId);
}
