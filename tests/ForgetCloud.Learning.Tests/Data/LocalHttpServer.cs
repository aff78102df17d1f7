using System.Net;
using System.Net.Sockets;

namespace ForgetCloud.Learning.Tests.Data;

/// <summary>A loopback HTTP server answering every request with a handler; counts requests per path.</summary>
internal sealed class LocalHttpServer : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly Func<HttpListenerContext, Task> _handler;
    private readonly Task _loop;
    private readonly Dictionary<string, int> _requests = [];

    public LocalHttpServer(Func<HttpListenerContext, Task> handler)
    {
        _handler = handler;
        var port = FreePort();
        BaseUri = new Uri($"http://127.0.0.1:{port}/data/");
        _listener.Prefixes.Add($"http://127.0.0.1:{port}/");
        _listener.Start();
        _loop = Task.Run(LoopAsync);
    }

    public Uri BaseUri { get; }

    public int RequestsFor(string path)
    {
        lock (_requests) return _requests.GetValueOrDefault(path);
    }

    public void Dispose()
    {
        _listener.Stop();
        _listener.Close();
        try
        {
            _loop.Wait(TimeSpan.FromSeconds(5));
        }
        catch (AggregateException)
        {
            // The accept loop ends with an exception when the listener closes.
        }
    }

    private async Task LoopAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            lock (_requests)
            {
                var path = context.Request.Url!.AbsolutePath;
                _requests[path] = _requests.GetValueOrDefault(path) + 1;
            }

            await _handler(context);
        }
    }

    private static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }
}
