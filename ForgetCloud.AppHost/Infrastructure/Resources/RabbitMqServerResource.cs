namespace ForgetCloud.AppHost.Infrastructure.Resources;

/// <summary>
/// A local rabbitmq-server node in the foreground. It listens on loopback only, where RabbitMQ lets the built-in
/// guest user in, so the connection string needs no generated secret.
/// </summary>
public sealed class RabbitMqServerResource(string name, string command, string workingDirectory)
    : ExecutableResource(name, command, workingDirectory), IResourceWithConnectionString
{
    public const string EndpointName = "tcp";

    public EndpointReference Endpoint => field ??= new EndpointReference(this, EndpointName);

    public ReferenceExpression ConnectionStringExpression =>
        ReferenceExpression.Create($"amqp://guest:guest@127.0.0.1:{Endpoint.Property(EndpointProperty.Port)}/");
}
