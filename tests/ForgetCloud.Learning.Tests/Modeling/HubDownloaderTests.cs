using ForgetCloud.Downloads;
using ForgetCloud.Contracts.Configuration;
using System.Net;
using System.Net.Sockets;
using System.Text;
using ForgetCloud.Learning.Modeling;

namespace ForgetCloud.Learning.Tests.Modeling;

/// <summary>Runs the downloader against a fake hub on 127.0.0.1 (HttpListener).</summary>
public sealed class HubDownloaderTests : IDisposable
{
    private readonly string _cache = Directory.CreateTempSubdirectory("hub-").FullName;
    private readonly HttpListener _listener = new();
    private readonly Dictionary<string, byte[]> _files = new();
    private readonly List<string> _log = [];
    private readonly Uri _base;
    private readonly HttpClient _http = new();
    private string? _requiredToken;

    public HubDownloaderTests()
    {
        var port = FreePort();
        _base = new Uri($"http://127.0.0.1:{port}/");
        _listener.Prefixes.Add(_base.ToString());
        _listener.Start();
        _ = Task.Run(ServeAsync);
    }

    private static int FreePort()
    {
        using var socket = new TcpListener(IPAddress.Loopback, 0);
        socket.Start();
        return ((IPEndPoint)socket.LocalEndpoint).Port;
    }

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try { context = await _listener.GetContextAsync(); }
            catch (Exception) { return; }
            var path = context.Request.Url!.AbsolutePath.TrimStart('/');
            var range = context.Request.Headers["Range"];
            lock (_log) _log.Add($"{path} {range}".Trim());
            var response = context.Response;
            if (_requiredToken is not null && context.Request.Headers["Authorization"] != $"Bearer {_requiredToken}")
                response.StatusCode = 401;
            else if (!_files.TryGetValue(path, out var body))
                response.StatusCode = 404;
            else if (range is not null)
            {
                var from = int.Parse(range["bytes=".Length..].TrimEnd('-'));
                response.StatusCode = 206;
                response.Headers["Content-Range"] = $"bytes {from}-{body.Length - 1}/{body.Length}";
                await response.OutputStream.WriteAsync(body.AsMemory(from));
            }
            else await response.OutputStream.WriteAsync(body);
            response.Close();
        }
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private HubDownloader Downloader(string? token = null) => new(_http, _base, _cache, token);

    private void Serve(string id, string file, byte[] content) => _files[$"{id}/resolve/main/{file}"] = content;

    [Fact]
    public async Task DownloadsConfigTokenizerAndShardsThenReusesTheCache()
    {
        Serve("acme/tiny", "config.json", "{\"a\":1}"u8.ToArray());
        Serve("acme/tiny", "tokenizer.json", "{}"u8.ToArray());
        Serve("acme/tiny", "model.safetensors.index.json", "{\"weight_map\":{\"x\":\"s1.safetensors\",\"y\":\"s2.safetensors\"}}"u8.ToArray());
        Serve("acme/tiny", "s1.safetensors", [1, 2, 3]);
        Serve("acme/tiny", "s2.safetensors", [4, 5]);
        var directory = await Downloader().DownloadModelAsync("acme/tiny", Ct);
        Assert.Equal(Path.Combine(_cache, "acme--tiny", "main"), directory);
        Assert.Equal([1, 2, 3], File.ReadAllBytes(Path.Combine(directory, "s1.safetensors")));
        Assert.Equal([4, 5], File.ReadAllBytes(Path.Combine(directory, "s2.safetensors")));
        Assert.True(File.Exists(Path.Combine(directory, "tokenizer.json")));
        Assert.False(File.Exists(Path.Combine(directory, "model.safetensors")));

        var requests = _log.Count;
        _listener.Stop(); // offline now: a complete cached download needs no network
        Assert.Equal(directory, await Downloader().DownloadModelAsync("acme/tiny", Ct));
        Assert.Equal(requests, _log.Count);
    }

    [Fact]
    public async Task ResumesAPartialFileWithARangeRequest()
    {
        var content = Encoding.ASCII.GetBytes("0123456789");
        Serve("acme/m", "model.safetensors", content);
        var directory = Path.Combine(_cache, "acme--m", "main");
        Directory.CreateDirectory(directory);
        File.WriteAllBytes(Path.Combine(directory, "model.safetensors.part"), content[..4]);
        Assert.True(await Downloader().DownloadFileAsync("acme/m", "model.safetensors", directory, required: true, Ct));
        Assert.Equal(content, File.ReadAllBytes(Path.Combine(directory, "model.safetensors")));
        Assert.Contains("acme/m/resolve/main/model.safetensors bytes=4-", _log);
        Assert.False(File.Exists(Path.Combine(directory, "model.safetensors.part")));
    }

    [Fact]
    public async Task UnauthorizedMissingAndOfflineGiveOneClearError()
    {
        Serve("acme/gated", "config.json", "{}"u8.ToArray());
        _requiredToken = "secret";
        var e = await Assert.ThrowsAsync<HubDownloadException>(() => Downloader().DownloadModelAsync("acme/gated", Ct));
        Assert.Contains("'acme/gated'", e.Message);
        Assert.Contains("HTTP 401", e.Message);
        Assert.Contains("HF_TOKEN", e.Message);
        Serve("acme/gated", "model.safetensors", [9]);
        var dir = await Downloader("secret").DownloadModelAsync("acme/gated", Ct);
        Assert.Equal([9], File.ReadAllBytes(Path.Combine(dir, "model.safetensors")));

        _requiredToken = null;
        e = await Assert.ThrowsAsync<HubDownloadException>(() => Downloader().DownloadModelAsync("acme/absent", Ct));
        Assert.Contains("'acme/absent': config.json not found (HTTP 404)", e.Message);

        var offline = new HubDownloader(_http, new Uri($"http://127.0.0.1:{FreePort()}/"), _cache, null);
        e = await Assert.ThrowsAsync<HubDownloadException>(() => offline.DownloadModelAsync("acme/elsewhere", Ct));
        Assert.Contains("'acme/elsewhere': cannot reach", e.Message);
    }

    [Fact]
    public async Task SourcesResolvePresetsDirectoriesAndHubIds()
    {
        Assert.Equal(ModelSourceKind.Preset, (await ModelSource.ResolveAsync("smoke", cancel: Ct)).Kind);
        Assert.Equal(ModelSourceKind.Local, (await ModelSource.ResolveAsync(_cache, cancel: Ct)).Kind);
        Serve("acme/x", "config.json", "{}"u8.ToArray());
        Serve("acme/x", "model.safetensors", [1]);
        var hub = await ModelSource.ResolveAsync("acme/x", Downloader(), Ct);
        Assert.Equal(ModelSourceKind.Hub, hub.Kind);
        Assert.True(File.Exists(Path.Combine(hub.Directory!, "config.json")));
        Assert.Contains("not a preset (smoke, tiny)", (await Assert.ThrowsAsync<ArgumentException>(() => ModelSource.ResolveAsync("no such thing", cancel: Ct))).Message);
    }

    public void Dispose()
    {
        _listener.Close();
        _http.Dispose();
        Directory.Delete(_cache, recursive: true);
    }
}
