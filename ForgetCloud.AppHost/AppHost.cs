using Microsoft.Extensions.Configuration;
using ForgetCloud.AppHost.Commands;
using ForgetCloud.AppHost.Infrastructure;
using ForgetCloud.AppHost.Restarts;
using ForgetCloud.AppHost.Security;

var builder = DistributedApplication.CreateBuilder(args);

// redis, messaging and blobs: containers, local executables or existing servers (see docs/infrastructure.md).
var infrastructure = builder.AddForgetCloudInfrastructure();

// Each service gets the three connection strings and starts once they are healthy.
builder.AddProject<Projects.ForgetCloud_Api>("api")
    .WithForgetCloudInfrastructure(infrastructure)
    .WithHttpHealthCheck("/health")
    .WithStallTimeout(builder.Configuration)
    .WithExternalHttpEndpoints()
    .WithApiKey(builder, out var apiKey)
    .WithStartStudyCommand(Path.GetFullPath(Path.Combine(builder.AppHostDirectory, "..", "configs", "tiny.yaml")), apiKey);

// The workers (docs/services.md). ForgetCloud:Workers=false leaves them out: the Api's own tests play the workers'
// part on the same broker and must not compete with real ones.
if (builder.Configuration.GetValue("ForgetCloud:Workers", true))
{
    AddWorkers(builder, infrastructure);
}

// A service process that dies (a crash, kill -9) is started again with a back-off; a redelivered message resumes its work.
builder.WithWorkerRestarts("api", "dataprep", "trainer", "evaluator");

builder.Build().Run();

static void AddWorkers(IDistributedApplicationBuilder builder, ForgetCloudInfrastructure infrastructure)
{
    // The workers. Configs name their data folder for the submitter's machine; where the datasets
    // are on this one comes from ForgetCloud:LocalDataDirectory or FORGETCLOUD_DATA_DIR, when set (a relative one
    // against the directory the user ran from: LocalDataDirectory.Resolve).
    var dataprep = builder.AddProject<Projects.ForgetCloud_DataPrep>("dataprep")
        .WithForgetCloudInfrastructure(infrastructure)
        .WithWorkDirectory(builder)
        .WithHttpHealthCheck("/health");
    if (builder.ExecutionContext.IsRunMode
        && (builder.Configuration["ForgetCloud:LocalDataDirectory"] ?? Environment.GetEnvironmentVariable("FORGETCLOUD_DATA_DIR")) is { Length: > 0 } data)
        dataprep.WithEnvironment("ForgetCloud__DataPrep__LocalDataDirectory", LocalDataDirectory.Resolve(
            data, Environment.GetEnvironmentVariable("PWD"), Path.GetFullPath(Path.Combine(builder.AppHostDirectory, ".."))));

    // One stage per trainer process; more trainers = more replicas (each takes its own TrainStage from the shared queue).
    builder.AddProject<Projects.ForgetCloud_Trainer>("trainer")
        .WithForgetCloudInfrastructure(infrastructure)
        .WithWorkDirectory(builder)
        .WithHeartbeatInterval(builder.Configuration)
        .WithHttpHealthCheck("/health")
        .WithReplicas(builder.Configuration.GetValue("ForgetCloud:TrainerReplicas", 1));

    builder.AddProject<Projects.ForgetCloud_Evaluator>("evaluator")
        .WithForgetCloudInfrastructure(infrastructure)
        .WithWorkDirectory(builder)
        .WithHeartbeatInterval(builder.Configuration)
        .WithHttpHealthCheck("/health");
}
