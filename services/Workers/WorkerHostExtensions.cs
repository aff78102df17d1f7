using ForgetCloud.Downloads;
using ForgetCloud.Learning.Modeling;
using Azure.Storage.Blobs;
using ForgetCloud.ServiceDefaults;
using ForgetCloud.ServiceDefaults.Blobs;
using ForgetCloud.ServiceDefaults.Messaging;
using ForgetCloud.Workers.Cancellation;
using ForgetCloud.Workers.Checkpoints;
using ForgetCloud.Workers.Datasets;
using ForgetCloud.Workers.Heartbeats;
using ForgetCloud.Workers.Messaging;
using ForgetCloud.Workers.Runs;
using MassTransit;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace ForgetCloud.Workers;

/// <summary>The host every worker runs in: service defaults, blob store, messaging with its consumers and CancelRun.</summary>
public static class WorkerHostExtensions
{
    /// <summary>
    /// Adds the defaults, the blob store, <see cref="RunConfigReader"/>, a <see cref="DatasetShardReader"/> caching under
    /// the work directory, <see cref="RunCancellations"/>, and MassTransit with <paramref name="consumers"/> plus a
    /// <see cref="CancelRunConsumer"/> on a temporary queue of this instance (a broadcast: every replica of every
    /// worker gets its own copy, unlike the work queues, which replicas share).
    /// </summary>
    public static WebApplicationBuilder AddForgetCloudWorker(
        this WebApplicationBuilder builder, string serviceName, Action<IBusRegistrationConfigurator> consumers)
    {
        var settings = builder.Configuration.GetSection(WorkerSettings.SectionName).Get<WorkerSettings>() ?? new WorkerSettings();
        settings.Validate();
        builder.Services.AddSingleton(settings);
        var work = settings.ResolveWorkDirectory(serviceName);
        Directory.CreateDirectory(work);
        builder.Services.AddSingleton(new WorkDirectory(work));
        builder.AddServiceDefaults()
            .AddForgetCloudBlobStore()
            .AddForgetCloudMessaging(bus =>
            {
                consumers(bus);
                bus.AddConsumer<CancelRunConsumer>().Endpoint(e =>
                {
                    e.Name = $"cancel-run-{serviceName}-{NewId.NextGuid():N}";
                    e.Temporary = true;
                });
            });
        builder.Services.AddSingleton<RunCancellations>();
        builder.Services.AddSingleton<DetachedPublisher>();
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<StageHeartbeats>();
        builder.Services.AddSingleton<RunConfigReader>();
        builder.Services.AddSingleton<CheckpointStore>();
        // Hub models (HF_TOKEN, FORGETCLOUD_CACHE): its own HttpClient, since the resilience defaults' 30-second request
        // timeout would cut a multi-gigabyte safetensors download.
        builder.Services.AddSingleton<IModelDownloader>(_ => HubDownloader.FromEnvironment());
        builder.Services.AddSingleton(sp => new DatasetShardReader(
            sp.GetRequiredService<BlobContainerClient>(), Path.Combine(work, "dataset-cache")));
        return builder;
    }
}

/// <summary>This process's scratch directory.</summary>
public sealed record WorkDirectory(string Path)
{
    /// <summary>A fresh, empty subdirectory for one piece of work.</summary>
    public string Fresh(params string[] parts)
    {
        var directory = System.IO.Path.Combine([Path, .. parts]);
        if (Directory.Exists(directory)) Directory.Delete(directory, recursive: true);
        Directory.CreateDirectory(directory);
        return directory;
    }
}
