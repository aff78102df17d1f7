using ForgetCloud.DataPrep;
using ForgetCloud.ServiceDefaults;
using ForgetCloud.Workers;
using ForgetCloud.Workers.Retries;
using MassTransit;

var builder = WebApplication.CreateBuilder(args);
builder.Services.AddSingleton(builder.Configuration.GetSection(DataPrepSettings.SectionName).Get<DataPrepSettings>() ?? new DataPrepSettings());
builder.AddForgetCloudWorker("dataprep", bus =>
    bus.AddConsumer<PrepareDatasetsConsumer>((_, consumer) => consumer.UseMessageRetry(TransientFailures.Configure)));
var app = builder.Build();
app.MapDefaultEndpoints();
await app.RunAsync();
