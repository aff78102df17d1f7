using ForgetCloud.ServiceDefaults;
using ForgetCloud.Trainer;
using ForgetCloud.Workers;
using ForgetCloud.Workers.Checkpoints;

// Before anything allocates: the allocator settings of a compute process (docs/benchmarks.md).
ForgetCloud.Learning.Devices.TorchProcess.Configure();
var builder = WebApplication.CreateBuilder(args);
builder.Services.AddSingleton<TrainerMetrics>();
builder.AddForgetCloudWorker("trainer", bus => bus.AddConsumer<TrainStageConsumer>((_, consumer) =>
    {
        // One stage at a time per process: a stage uses every core, and dropout draws from torch's process-wide generator.
        consumer.ConcurrentMessageLimit = 1;
    })
    .Endpoint(endpoint =>
    {
        endpoint.PrefetchCount = 1;
        endpoint.ConcurrentMessageLimit = 1;
    }));
var app = builder.Build();
app.MapDefaultEndpoints();
await app.RunAsync();
