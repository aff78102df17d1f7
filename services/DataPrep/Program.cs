using ForgetCloud.DataPrep;
using ForgetCloud.ServiceDefaults;
using ForgetCloud.Workers;

var builder = WebApplication.CreateBuilder(args);
builder.Services.AddSingleton(builder.Configuration.GetSection(DataPrepSettings.SectionName).Get<DataPrepSettings>() ?? new DataPrepSettings());
builder.AddForgetCloudWorker("dataprep", bus => bus.AddConsumer<PrepareDatasetsConsumer>());
var app = builder.Build();
app.MapDefaultEndpoints();
await app.RunAsync();
