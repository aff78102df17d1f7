namespace ForgetCloud.AppHost.Infrastructure.Resources;

/// <summary>Azurite's blob service as a container (Aspire.Hosting.Azure.Storage, which has one, is not served here).</summary>
public sealed class AzuriteContainerResource(string name) : ContainerResource(name), IResourceWithConnectionString
{
    public const string EndpointName = "blob";
    public const int BlobPort = 10000;

    public EndpointReference Endpoint => field ??= new EndpointReference(this, EndpointName);

    public ReferenceExpression ConnectionStringExpression => AzuriteConnectionString.For(Endpoint);
}
