using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace ForgetCloud.AppHost.Infrastructure.HealthChecks;

/// <summary>Sends epmd's NAMES_REQ and checks that the answer starts with epmd's own port.</summary>
public sealed class EpmdHealthCheck(int port) : IHealthCheck
{
    // Request framing: 2-byte big-endian length, then the request code ('n' = NAMES_REQ = 110).
    private static readonly byte[] NamesRequest = [0, 1, 110];

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            using var client = new TcpClient();
            await client.ConnectAsync(IPAddress.Loopback, port, cancellationToken).ConfigureAwait(false);
            var stream = client.GetStream();
            await stream.WriteAsync(NamesRequest, cancellationToken).ConfigureAwait(false);
            var reply = new byte[4];
            await stream.ReadExactlyAsync(reply, cancellationToken).ConfigureAwait(false);
            var answeredPort = BinaryPrimitives.ReadInt32BigEndian(reply);
            return answeredPort == port
                ? HealthCheckResult.Healthy()
                : HealthCheckResult.Unhealthy($"NAMES_REQ on port {port} answered port {answeredPort}.");
        }
        catch (Exception e) when (e is SocketException or IOException or EndOfStreamException)
        {
            return HealthCheckResult.Unhealthy($"epmd on 127.0.0.1:{port} did not answer: {e.Message}", e);
        }
    }
}
