using Azure.Storage.Blobs;
using ForgetCloud.Contracts.Configuration;
using ForgetCloud.Contracts.Messages;
using ForgetCloud.Downloads;
using ForgetCloud.Learning.Execution;
using ForgetCloud.Learning.Modeling;
using ForgetCloud.Workers;
using ForgetCloud.Workers.Cancellation;
using ForgetCloud.Workers.Datasets;
using ForgetCloud.Workers.Runs;
using MassTransit;

namespace ForgetCloud.DataPrep;

/// <summary>
/// PrepareDatasets -> the config snapshot -> the raw datasets (a local folder, or downloads cached in
/// <c>data.cache_dir</c>) -> each stage's prompts tokenized with the model's tokenizer -> content-addressed shards
/// (<see cref="DatasetPublisher"/>) -> DatasetsPrepared. Idempotent: the same config finds the same shards and answers
/// with the same refs. A transient failure is retried (<see cref="Retries.TransientFailures"/>); what still fails reaches
/// the Api as MassTransit's Fault&lt;PrepareDatasets&gt; and fails the run with its message.
/// </summary>
public sealed partial class PrepareDatasetsConsumer(
    BlobContainerClient blobs,
    RunConfigReader configs,
    RunCancellations cancellations,
    DataPrepSettings settings,
    WorkDirectory work,
    IModelDownloader hub,
    ILogger<PrepareDatasetsConsumer> logger) : IConsumer<PrepareDatasets>
{
    // One client for every dataset download of the process (outside the resilience defaults' request timeout).
    private static readonly HttpClient DatasetHttp = new();

    public async Task Consume(ConsumeContext<PrepareDatasets> context)
    {
        var message = context.Message;
        if (!await cancellations.RunAsync(message.RunId, context.CancellationToken, token => PrepareAsync(context, message, token)))
            LogCancelled(logger, message.RunId);
    }

    private async Task PrepareAsync(ConsumeContext<PrepareDatasets> context, PrepareDatasets message, CancellationToken token)
    {
        var config = await configs.ReadAsync(message.ConfigRef, token);
        if (config.Data.Source == DataSourceKind.Local && settings.LocalDataDirectory is { } local)
            config = config with { Data = config.Data with { LocalDir = local } };

        // The tokenizer only: the weights are not needed to tokenize (a hub model's files are fetched into its cache).
        var modelSource = await ModelSource.ResolveAsync(config.Model.Name, hub, token);
        var tokenizer = StudyModelBuilder.LoadTokenizer(config.Model, modelSource);
        var source = DatasetSources.For(config.Data, DatasetHttp);
        var outcome = await DatasetPublisher.PublishAsync(blobs, config, tokenizer, source, work.Fresh("prepare", message.RunId), token);
        LogPrepared(logger, message.RunId, outcome.DatasetRefs.Count, outcome.Reused.Count);
        await context.Publish(new DatasetsPrepared(message.RunId, outcome.DatasetRefs), token);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Run {RunId}: {Count} dataset parts ready ({Reused} reused from earlier runs).")]
    private static partial void LogPrepared(ILogger logger, string runId, int count, int reused);

    [LoggerMessage(Level = LogLevel.Information, Message = "Run {RunId}: cancelled; dataset preparation abandoned.")]
    private static partial void LogCancelled(ILogger logger, string runId);
}
