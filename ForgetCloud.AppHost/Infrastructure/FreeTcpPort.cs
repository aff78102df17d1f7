using System.Net;
using System.Net.Sockets;

namespace ForgetCloud.AppHost.Infrastructure;

/// <summary>
/// A loopback port the OS reports free now. Only for the ports DCP cannot proxy (Erlang's epmd and distribution
/// ports, which are announced to peers by number); every client-facing port is allocated by DCP.
/// </summary>
public static class FreeTcpPort
{
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
