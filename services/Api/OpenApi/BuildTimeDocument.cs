using System.Reflection;
using ForgetCloud.ServiceDefaults.Blobs;
using ForgetCloud.ServiceDefaults.Messaging;
using ForgetCloud.ServiceDefaults.Redis;

namespace ForgetCloud.Api.OpenApi;

/// <summary>
/// The build's OpenAPI document generation (Microsoft.Extensions.ApiDescription.Server) runs Program under the tool
/// GetDocument.Insider, which starts the app with a server that listens nowhere and reads the document once it has
/// started. There only the web host starts (it maps the endpoints): no hosted service that would dial Redis, RabbitMQ
/// or blob storage. The connection strings only have to exist (the clients are registered, not connected), so the
/// document is made from exactly the services and endpoints the running Api has.
/// </summary>
public static class BuildTimeDocument
{
    /// <summary>The tool's documented marker: it is the entry assembly.</summary>
    public static bool IsGenerating { get; } = Assembly.GetEntryAssembly()?.GetName().Name == "GetDocument.Insider";

    /// <summary>Connection strings that are parsed but never dialled (nothing starts during document generation).</summary>
    public static void UseUnconnectedServers(WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            [$"ConnectionStrings:{RedisExtensions.DefaultConnectionName}"] = "localhost:6379",
            [$"ConnectionStrings:{MessagingExtensions.DefaultConnectionName}"] = "amqp://guest:guest@localhost:5672",
            [$"ConnectionStrings:{BlobStoreExtensions.DefaultConnectionName}"] = "UseDevelopmentStorage=true",
        });
    }

    /// <summary>Removes every hosted service but ASP.NET Core's own web host (the bus, the container initializer, telemetry).</summary>
    public static void StartOnlyTheWebHost(IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        foreach (var hosted in services.Where(IsOtherHostedService).ToList())
            services.Remove(hosted);
    }

    private static bool IsOtherHostedService(ServiceDescriptor service) =>
        service.ServiceType == typeof(IHostedService)
        && service.ImplementationType?.FullName != "Microsoft.AspNetCore.Hosting.GenericWebHostService";
}
