using ForgetCloud.AppHost.Commands;
using ForgetCloud.AppHost.Infrastructure;

var builder = DistributedApplication.CreateBuilder(args);

// redis, messaging and blobs: containers, local executables or existing servers (see docs/infrastructure.md).
var infrastructure = builder.AddForgetCloudInfrastructure();

// Each service gets the three connection strings and starts once they are healthy.
builder.AddProject<Projects.ForgetCloud_Api>("api")
    .WithForgetCloudInfrastructure(infrastructure)
    .WithHttpHealthCheck("/health")
    .WithExternalHttpEndpoints()
    .WithStartStudyCommand(Path.GetFullPath(Path.Combine(builder.AppHostDirectory, "..", "configs", "tiny.yaml")));

builder.Build().Run();
