using ForgetCloud.Evaluator;
using ForgetCloud.ServiceDefaults;
using ForgetCloud.Workers;
using ForgetCloud.Workers.Retries;
using MassTransit;

// Before anything allocates: the allocator settings of a compute process (docs/benchmarks.md).
ForgetCloud.Learning.Devices.TorchProcess.Configure();
var builder = WebApplication.CreateBuilder(args);
builder.Services.AddSingleton<EvaluatorMetrics>();
builder.AddForgetCloudWorker("evaluator", bus =>
{
    bus.AddConsumeObserver<EvaluationSeriesEnd>();
    // One evaluation at a time per process: it uses every core (scale out with replicas instead).
    bus.AddConsumer<EvaluateCheckpointConsumer>((_, consumer) => consumer.ConcurrentMessageLimit = 1)
        .Endpoint(endpoint => endpoint.PrefetchCount = 1);
    bus.AddConsumer<AnalyzeStudyConsumer>((_, consumer) =>
    {
        consumer.ConcurrentMessageLimit = 1;
        consumer.UseMessageRetry(TransientFailures.Configure);
    });
});
var app = builder.Build();
app.MapDefaultEndpoints();
await app.RunAsync();
