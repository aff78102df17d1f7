using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ForgetCloud.AppHost.Infrastructure;

public static partial class InfrastructureExtensions
{
    [LoggerMessage(Level = LogLevel.Information, Message = "ForgetCloud infrastructure mode: {Mode} (state in {Location}).")]
    private static partial void LogMode(ILogger logger, InfrastructureMode mode, string location);

    /// <summary>
    /// Adds <c>redis</c>, <c>messaging</c> and <c>blobs</c> in the mode from <c>ForgetCloud:Infrastructure</c>
    /// (auto: containers when a container runtime answers, else local executables, else configured connection strings).
    /// </summary>
    public static ForgetCloudInfrastructure AddForgetCloudInfrastructure(this IDistributedApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var settings = InfrastructureSettings.Read(builder.Configuration);
        if (builder.ExecutionContext.IsPublishMode)
            return AddPublished(builder, settings);
        var servers = LocalServers.Locate(builder.Configuration);
        var mode = InfrastructureModeSelector.Select(settings, servers, builder.Configuration);
        var infrastructure = mode switch
        {
            InfrastructureMode.Containers => new ForgetCloudInfrastructure(mode,
                RedisResourceBuilder.AddContainer(builder),
                RabbitMqResourceBuilder.AddContainer(builder, settings),
                AzuriteResourceBuilder.AddContainer(builder)),
            InfrastructureMode.Executables => new ForgetCloudInfrastructure(mode,
                RedisResourceBuilder.AddExecutable(builder, servers.RedisServer!, settings),
                RabbitMqResourceBuilder.AddExecutable(builder, servers, settings),
                AzuriteResourceBuilder.AddExecutable(builder, servers.AzuriteBlob!, settings)),
            InfrastructureMode.ConnectionStrings => new ForgetCloudInfrastructure(mode,
                builder.AddConnectionString(ResourceNames.Redis),
                builder.AddConnectionString(ResourceNames.Messaging),
                builder.AddConnectionString(ResourceNames.Blobs)),
            _ => throw new InvalidOperationException($"Unknown infrastructure mode {mode}."),
        };
        builder.Eventing.Subscribe<BeforeStartEvent>((startEvent, _) =>
        {
            var logger = startEvent.Services.GetRequiredService<ILoggerFactory>().CreateLogger("ForgetCloud.AppHost.Infrastructure");
            LogMode(logger, mode, mode == InfrastructureMode.ConnectionStrings ? "configuration" : settings.DataDirectory);
            return Task.CompletedTask;
        });
        return infrastructure;
    }

    /// <summary>
    /// What a published app (the manifest azd deploys, e.g. to Azure Container Apps) gets: Redis and RabbitMQ as their
    /// containers, and blobs as a connection-string parameter (a storage account's, set at deployment): Azurite and
    /// its public development key have no place in the cloud. <c>connection-strings</c> makes all three parameters;
    /// local executables cannot be published.
    /// </summary>
    private static ForgetCloudInfrastructure AddPublished(IDistributedApplicationBuilder builder, InfrastructureSettings settings) =>
        settings.RequestedMode switch
        {
            InfrastructureMode.ConnectionStrings => new ForgetCloudInfrastructure(InfrastructureMode.ConnectionStrings,
                builder.AddConnectionString(ResourceNames.Redis),
                builder.AddConnectionString(ResourceNames.Messaging),
                builder.AddConnectionString(ResourceNames.Blobs)),
            InfrastructureMode.Executables => throw new InvalidOperationException(
                $"{InfrastructureSettings.ModeKey}=executables runs servers installed on this machine and cannot be published; " +
                "publish with containers (the default) or connection-strings."),
            _ => new ForgetCloudInfrastructure(InfrastructureMode.Containers,
                RedisResourceBuilder.AddContainer(builder),
                RabbitMqResourceBuilder.AddContainer(builder, settings),
                builder.AddConnectionString(ResourceNames.Blobs)),
        };

    /// <summary>
    /// Gives a service the three connection strings (<c>ConnectionStrings:redis|messaging|blobs</c>) and holds its
    /// start until all three report healthy.
    /// </summary>
    public static IResourceBuilder<T> WithForgetCloudInfrastructure<T>(this IResourceBuilder<T> service, ForgetCloudInfrastructure infrastructure)
        where T : IResourceWithEnvironment, IResourceWithWaitSupport
    {
        ArgumentNullException.ThrowIfNull(service);
        ArgumentNullException.ThrowIfNull(infrastructure);
        return service
            .WithReference(infrastructure.Redis).WaitFor(infrastructure.Redis)
            .WithReference(infrastructure.Messaging).WaitFor(infrastructure.Messaging)
            .WithReference(infrastructure.Blobs).WaitFor(infrastructure.Blobs);
    }
}
