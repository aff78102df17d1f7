using System.Globalization;
using ForgetCloud.AppHost.Infrastructure.HealthChecks;
using ForgetCloud.AppHost.Infrastructure.Resources;

namespace ForgetCloud.AppHost.Infrastructure;

/// <summary>
/// The <c>messaging</c> resource. Every server the AppHost runs gets <c>consumer_timeout</c> raised (see
/// <see cref="InfrastructureSettings.DefaultConsumerTimeout"/>) so a trainer holding a TrainStage delivery for hours
/// keeps its channel.
/// </summary>
public static class RabbitMqResourceBuilder
{
    private const string NodeName = "forgetcloud@localhost";

    /// <summary>
    /// The broker container (run and publish mode). The management plugin's HTTP API is what the Azure deployment's
    /// KEDA scalers read queue depths from, unacknowledged deliveries (stages in progress) included. A fixed node name
    /// keeps the data directory (named after the node) the same when a cloud replica comes back with a new hostname.
    /// </summary>
    public static IResourceBuilder<IResourceWithConnectionString> AddContainer(IDistributedApplicationBuilder builder, InfrastructureSettings settings) =>
        builder.AddRabbitMQ(ResourceNames.Messaging)
            .WithManagementPlugin()
            .WithDataVolume("forgetcloud-rabbitmq-data")
            .WithEnvironment("RABBITMQ_NODENAME", "rabbit@localhost")
            // "-rabbit key value" sets the rabbit application's environment, exactly like the rabbitmq.conf line.
            .WithEnvironment("RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS", $"-rabbit consumer_timeout {Milliseconds(settings.ConsumerTimeout)}");

    public static IResourceBuilder<IResourceWithConnectionString> AddExecutable(
        IDistributedApplicationBuilder builder, LocalServers servers, InfrastructureSettings settings)
    {
        var root = Directory.CreateDirectory(Path.Combine(settings.DataDirectory, "rabbitmq")).FullName;
        var home = Directory.CreateDirectory(Path.Combine(root, "home")).FullName;
        var configFile = Path.Combine(root, "rabbitmq.conf");
        File.WriteAllText(configFile,
            "# Written by the ForgetCloud AppHost at every start; edit ForgetCloud:Messaging:ServerConsumerTimeout instead.\n" +
            $"consumer_timeout = {Milliseconds(settings.ConsumerTimeout)}\n");
        var pluginsFile = Path.Combine(root, "enabled_plugins");
        File.WriteAllText(pluginsFile, "[].\n");

        // Erlang's port mapper runs as its own resource on a private port, so it stops with the app instead of
        // lingering as a daemon, and never meets another node registered on the machine's shared 4369.
        var epmdPort = FreeTcpPort.Next();
        var epmd = builder.AddExecutable(ResourceNames.Epmd, servers.Epmd!, root,
                "-port", epmdPort.ToString(CultureInfo.InvariantCulture), "-address", "127.0.0.1")
            .WithProtocolHealthCheck(new EpmdHealthCheck(epmdPort));

        var resource = new RabbitMqServerResource(ResourceNames.Messaging, servers.RabbitMqServer!, root);
        var rabbit = builder.AddResource(resource)
            .WithEndpoint(name: RabbitMqServerResource.EndpointName, scheme: "tcp")
            .WithEnvironment(context =>
            {
                var env = context.EnvironmentVariables;
                env["HOME"] = home; // the Erlang cookie lives here
                env["RABBITMQ_NODENAME"] = NodeName;
                env["RABBITMQ_NODE_IP_ADDRESS"] = "127.0.0.1";
                env["RABBITMQ_NODE_PORT"] = resource.Endpoint.Property(EndpointProperty.TargetPort);
                env["RABBITMQ_DIST_PORT"] = FreeTcpPort.Next().ToString(CultureInfo.InvariantCulture);
                env["RABBITMQ_MNESIA_BASE"] = Path.Combine(root, "mnesia");
                env["RABBITMQ_LOG_BASE"] = Path.Combine(root, "log");
                env["RABBITMQ_LOGS"] = "-"; // to stdout, i.e. the dashboard's console
                env["RABBITMQ_ENABLED_PLUGINS_FILE"] = pluginsFile;
                env["RABBITMQ_CONFIG_FILE"] = configFile;
                env["ERL_EPMD_ADDRESS"] = "127.0.0.1";
                env["ERL_EPMD_PORT"] = epmdPort.ToString(CultureInfo.InvariantCulture);
                env["RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS"] = "-kernel inet_dist_use_interface {127,0,0,1} -start_epmd false";
            })
            .WaitFor(epmd)
            .WithProtocolHealthCheck(new AmqpConnectionHealthCheck(resource));
        epmd.WithParentRelationship(rabbit);
        return rabbit;
    }

    private static string Milliseconds(TimeSpan timeout) =>
        ((long)timeout.TotalMilliseconds).ToString(CultureInfo.InvariantCulture);
}
