using ForgetCloud.AppHost.Infrastructure.HealthChecks;
using ForgetCloud.AppHost.Infrastructure.Resources;

namespace ForgetCloud.AppHost.Infrastructure;

/// <summary>The <c>redis</c> resource (run state), with persistence on in every mode that runs a server.</summary>
public static class RedisResourceBuilder
{
    public static IResourceBuilder<IResourceWithConnectionString> AddContainer(IDistributedApplicationBuilder builder) =>
        builder.AddRedis(ResourceNames.Redis)
            .WithDataVolume("forgetcloud-redis-data")
            .WithPersistence(TimeSpan.FromSeconds(60), keysChangedThreshold: 1);

    public static IResourceBuilder<IResourceWithConnectionString> AddExecutable(
        IDistributedApplicationBuilder builder, string redisServer, InfrastructureSettings settings)
    {
        var dataDirectory = Directory.CreateDirectory(Path.Combine(settings.DataDirectory, "redis")).FullName;
        var resource = new RedisServerResource(ResourceNames.Redis, redisServer, dataDirectory);
        return builder.AddResource(resource)
            .WithEndpoint(name: RedisServerResource.EndpointName, scheme: "tcp")
            .WithArgs(context =>
            {
                context.Args.Add("--port");
                context.Args.Add(resource.Endpoint.Property(EndpointProperty.TargetPort));
                // Same persistence as the container's WithPersistence: an RDB snapshot every 60 s after any change,
                // plus the append-only file so a crash loses at most one second of run state.
                foreach (var arg in (string[])["--bind", "127.0.0.1", "--dir", dataDirectory, "--save", "60 1",
                             "--appendonly", "yes", "--daemonize", "no", "--protected-mode", "yes"])
                {
                    context.Args.Add(arg);
                }
            })
            .WithProtocolHealthCheck(new RedisPingHealthCheck(resource));
    }
}
