using System.Net.Sockets;
using System.Text;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace ForgetCloud.AppHost.Infrastructure.HealthChecks;

/// <summary>Sends a RESP <c>PING</c> and expects <c>+PONG</c>.</summary>
public sealed class RedisPingHealthCheck(IResourceWithConnectionString resource) : ConnectionStringHealthCheck(resource)
{
    private static readonly byte[] Ping = "*1\r\n$4\r\nPING\r\n"u8.ToArray();

    protected override async Task<HealthCheckResult> ProbeAsync(string connectionString, CancellationToken cancellationToken)
    {
        // StackExchange.Redis syntax: "host:port,option=value,..."; the local server needs no password.
        var endpoint = connectionString.Split(',')[0];
        var colon = endpoint.LastIndexOf(':');
        var (host, port) = (endpoint[..colon], int.Parse(endpoint[(colon + 1)..], System.Globalization.CultureInfo.InvariantCulture));
        using var client = new TcpClient();
        await client.ConnectAsync(host, port, cancellationToken).ConfigureAwait(false);
        var stream = client.GetStream();
        await stream.WriteAsync(Ping, cancellationToken).ConfigureAwait(false);
        var buffer = new byte[64];
        var read = await stream.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
        var reply = Encoding.ASCII.GetString(buffer, 0, read);
        return reply.StartsWith("+PONG", StringComparison.Ordinal)
            ? HealthCheckResult.Healthy()
            : HealthCheckResult.Unhealthy($"PING answered '{reply.TrimEnd()}' instead of +PONG.");
    }
}
