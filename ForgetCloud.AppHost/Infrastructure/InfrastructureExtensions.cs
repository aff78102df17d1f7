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
