using ForgetCloud.AppHost.Infrastructure.HealthChecks;
using ForgetCloud.AppHost.Infrastructure.Resources;

namespace ForgetCloud.AppHost.Infrastructure;

/// <summary>The <c>blobs</c> resource: Azurite's blob service, data kept across runs.</summary>
public static class AzuriteResourceBuilder
{
    public const string ImageRegistry = "mcr.microsoft.com";
    public const string Image = "azure-storage/azurite";
    public const string Version = "3.35.0";

    public static IResourceBuilder<IResourceWithConnectionString> AddContainer(IDistributedApplicationBuilder builder)
    {
        var resource = new AzuriteContainerResource(ResourceNames.Blobs);
        return builder.AddResource(resource)
            .WithImage(Image, Version)
            .WithImageRegistry(ImageRegistry)
            .WithEndpoint(targetPort: AzuriteContainerResource.BlobPort, name: AzuriteContainerResource.EndpointName, scheme: "http")
            .WithArgs("azurite-blob", "--blobHost", "0.0.0.0", "--blobPort", "10000", "--location", "/data",
                "--skipApiVersionCheck", "--disableTelemetry")
            .WithVolume("forgetcloud-azurite-data", "/data")
            .WithProtocolHealthCheck(new BlobServiceHealthCheck(resource));
    }

    public static IResourceBuilder<IResourceWithConnectionString> AddExecutable(
        IDistributedApplicationBuilder builder, string azuriteBlob, InfrastructureSettings settings)
    {
        var dataDirectory = Directory.CreateDirectory(Path.Combine(settings.DataDirectory, "azurite")).FullName;
        var resource = new AzuriteResource(ResourceNames.Blobs, azuriteBlob, dataDirectory);
        return builder.AddResource(resource)
            .WithEndpoint(name: AzuriteResource.EndpointName, scheme: "http")
            .WithArgs(context =>
            {
                context.Args.Add("--blobPort");
                context.Args.Add(resource.Endpoint.Property(EndpointProperty.TargetPort));
                // --skipApiVersionCheck: the Azure SDK may be newer than the API versions this Azurite knows.
                foreach (var arg in (string[])["--blobHost", "127.0.0.1", "--location", dataDirectory,
                             "--skipApiVersionCheck", "--disableTelemetry", "--silent"])
                {
                    context.Args.Add(arg);
                }
            })
            .WithProtocolHealthCheck(new BlobServiceHealthCheck(resource));
    }
}
