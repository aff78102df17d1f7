using ForgetCloud.AppHost.Infrastructure;

var builder = DistributedApplication.CreateBuilder(args);

// redis, messaging and blobs: containers, local executables or existing servers (see docs/infrastructure.md).
var infrastructure = builder.AddForgetCloudInfrastructure();

// The services go here. Each one gets the three connection strings and starts once they are healthy:
//   builder.AddProject<Projects.ForgetCloud_Api>("api").WithForgetCloudInfrastructure(infrastructure);
//   builder.AddProject<Projects.ForgetCloud_Trainer>("trainer").WithForgetCloudInfrastructure(infrastructure);
_ = infrastructure;

builder.Build().Run();
