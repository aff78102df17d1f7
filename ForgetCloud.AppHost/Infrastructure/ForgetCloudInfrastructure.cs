namespace ForgetCloud.AppHost.Infrastructure;

/// <summary>The three infrastructure resources, whichever mode provides them.</summary>
public sealed record ForgetCloudInfrastructure(
    InfrastructureMode Mode,
    IResourceBuilder<IResourceWithConnectionString> Redis,
    IResourceBuilder<IResourceWithConnectionString> Messaging,
    IResourceBuilder<IResourceWithConnectionString> Blobs);
