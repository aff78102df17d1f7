namespace ForgetCloud.AppHost.Infrastructure.Resources;

/// <summary>A local azurite-blob process (npm azurite@3.35.0).</summary>
public sealed class AzuriteResource(string name, string command, string workingDirectory)
    : ExecutableResource(name, command, workingDirectory), IResourceWithConnectionString
{
    public const string EndpointName = "blob";

    public EndpointReference Endpoint => field ??= new EndpointReference(this, EndpointName);

    public ReferenceExpression ConnectionStringExpression => AzuriteConnectionString.For(Endpoint);
}
