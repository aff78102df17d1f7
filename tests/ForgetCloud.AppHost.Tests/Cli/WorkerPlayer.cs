using System.Text;
using Azure.Storage.Blobs;
using ForgetCloud.AppHost.Tests.Api;
using ForgetCloud.Contracts.Blobs;
using ForgetCloud.Contracts.Messages;
using MassTransit;

namespace ForgetCloud.AppHost.Tests.Cli;

/// <summary>
/// Plays the DataPrep, Trainer and Evaluator services for one run: answers every command the Api publishes (seen by
/// the test host's <see cref="CommandInbox"/>) the way the workers do, uploading their files to the real Azurite
/// under <see cref="BlobLayout"/> and publishing their events on the real RabbitMQ. Records every file it uploads.
/// With <paramref name="answerAnalysis"/> false it leaves AnalyzeStudy to someone else.
/// </summary>
public sealed class WorkerPlayer(CommandInbox inbox, IPublishEndpoint bus, BlobContainerClient blobs, string runId, bool answerAnalysis = true)
{
    public const int StepsPerStage = 4;

    /// <summary>Uploaded files: path relative to the run's folder -> bytes.</summary>
    public Dictionary<string, byte[]> Uploaded { get; } = new(StringComparer.Ordinal);

    /// <summary>Answers commands until <paramref name="cancel"/> fires.</summary>
    public async Task PlayAsync(CancellationToken cancel)
    {
        var handled = 0;
        while (!cancel.IsCancellationRequested)
        {
            var messages = inbox.Of(runId);
            for (; handled < messages.Count; handled++)
                await AnswerAsync(messages[handled], cancel);
            await Task.Delay(50, cancel);
        }
    }

    private async Task AnswerAsync(object command, CancellationToken cancel)
    {
        switch (command)
        {
            case PrepareDatasets:
                await bus.Publish(new DatasetsPrepared(runId, ["datasets/cli-tests/"]), cancel);
                break;
            case TrainStage train:
                var location = BlobLayout.Checkpoint(runId, train.ArmId, train.Stage, StepsPerStage);
                await bus.Publish(new StageProgress(runId, train.ArmId, train.Stage, StepsPerStage / 2, StepsPerStage,
                    new Dictionary<string, double> { ["loss"] = 2.5 }), cancel);
                await UploadAsync(location + "adapter_model.safetensors", $"weights of {train.ArmId} stage {train.Stage}");
                await UploadAsync(location + "trainer_state.json", $$"""{"stage": {{train.Stage}}, "step": {{StepsPerStage}}, "epoch": 1}""");
                await UploadAsync(location + "manifest.json", "{}");
                await UploadAsync($"{BlobLayout.TensorBoard(runId)}{train.ArmId}/stage{train.Stage}/events.out.tfevents.1.host", $"events {train.Stage}");
                await bus.Publish(new StageCheckpointSaved(runId, train.ArmId, train.Stage, new CheckpointLocation(location, StepsPerStage), IsFinal: true), cancel);
                break;
            case EvaluateCheckpoint evaluate:
                var result = BlobLayout.Evaluation(runId, evaluate.ArmId, evaluate.Stage);
                await UploadAsync(result, $$"""{"stage": {{evaluate.Stage}}}""");
                await UploadAsync($"{BlobLayout.EvaluationDirectory(runId, evaluate.ArmId)}gsm8k_stage{evaluate.Stage}.jsonl", "{\"id\": 0}\n");
                await bus.Publish(new CheckpointEvaluated(runId, evaluate.ArmId, evaluate.Stage, result,
                    new Dictionary<string, double> { ["gsm8k_accuracy"] = 0.25 }), cancel);
                break;
            case AnalyzeStudy when answerAnalysis:
                foreach (var file in (string[])["final_results.json", "evaluation_history.json", "training_history.json", "experiment_metadata.json", "training.log", "forgetting_analysis.png"])
                    await UploadAsync(BlobLayout.Report(runId) + file, $"{file} of {runId}");
                await bus.Publish(new AnalysisCompleted(runId, BlobLayout.FinalResults(runId)), cancel);
                break;
        }
    }

    private async Task UploadAsync(string blobName, string content)
    {
        var bytes = Encoding.UTF8.GetBytes(content);
        await blobs.GetBlobClient(blobName).UploadAsync(BinaryData.FromBytes(bytes), overwrite: true);
        Uploaded[blobName[BlobLayout.Run(runId).Length..]] = bytes;
    }
}
