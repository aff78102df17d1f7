namespace ForgetCloud.AppHost.Infrastructure;

/// <summary>How the AppHost provides redis, messaging and blobs.</summary>
public enum InfrastructureMode
{
    /// <summary>The standard Aspire containers (needs a container runtime).</summary>
    Containers,

    /// <summary>The same servers as local processes: redis-server, rabbitmq-server (+ epmd), azurite-blob.</summary>
    Executables,

    /// <summary>Existing servers named by <c>ConnectionStrings:redis|messaging|blobs</c> (for example in Azure).</summary>
    ConnectionStrings,
}
