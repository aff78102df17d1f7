using System.Net;
using System.Text;
using System.Text.Json;
using ForgetCloud.AppHost.Tests.Infrastructure;
using ForgetCloud.Contracts.Api;
using ForgetCloud.Contracts.Tests.Configuration;
using ForgetCloud.Contracts.Lifecycle;

namespace ForgetCloud.AppHost.Tests.Api;

/// <summary>Issue 9: every bad parameter or body is a 400 (or 415) problem details, never a 500 or a crash.</summary>
[Collection(LocalServersCollection.Name)]
public sealed class ApiValidationTests(LocalServersFixture fixture) : IAsyncLifetime
{
    private static readonly TimeSpan Timeout = ApiTestHost.Timeout;
    private ApiTestHost? _host;

    private ApiTestHost Host => _host!;
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => _host = await ApiTestHost.StartAsync(fixture);

    public async ValueTask DisposeAsync()
    {
        if (_host is not null)
            await _host.DisposeAsync();
    }

    private async Task<(HttpStatusCode Status, string? MediaType, string Body)> SendAsync(HttpMethod method, string uri, string? body = null, string? contentType = null)
    {
        using var request = new HttpRequestMessage(method, new Uri(uri, UriKind.Relative));
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8);
            request.Content.Headers.ContentType = contentType is null ? null : new System.Net.Http.Headers.MediaTypeHeaderValue(contentType);
        }
        using var response = await Host.Http.SendAsync(request, Token).WaitAsync(Timeout, Token);
        return (response.StatusCode, response.Content.Headers.ContentType?.MediaType, await response.Content.ReadAsStringAsync(Token));
    }

    private static JsonElement Errors(string body) => JsonDocument.Parse(body).RootElement.GetProperty("errors").Clone();

    [Theory]
    [InlineData("abc")]
    [InlineData("1.5")]
    [InlineData("")]
    [InlineData("-1")]
    public async Task A_limit_that_is_no_integer_is_400_problem_details(string limit)
    {
        var (status, type, body) = await SendAsync(HttpMethod.Get, $"/api/runs?limit={limit}");

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("application/problem+json", type);
        Assert.True(Errors(body).TryGetProperty("limit", out _), body);
    }

    [Fact]
    public async Task An_unknown_query_parameter_is_400_with_did_you_mean()
    {
        var list = await SendAsync(HttpMethod.Get, "/api/runs?limt=5");
        var yaml = await SendAsync(HttpMethod.Post, "/api/runs?compare_optimizer=true", RepositoryFiles.SmokeConfigYaml, "application/yaml");

        Assert.Equal(HttpStatusCode.BadRequest, list.Status);
        Assert.Contains("did you mean 'limit'?", Errors(list.Body).GetProperty("limt")[0].GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, yaml.Status);
        Assert.Contains("did you mean 'compare_optimizers'?", Errors(yaml.Body).GetProperty("compare_optimizer")[0].GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("GET", "", "verbose")]
    [InlineData("GET", "/events", "last_event_id")]
    [InlineData("GET", "/results", "format")]
    [InlineData("GET", "/artifacts", "prefix")]
    [InlineData("GET", "/artifacts/report/final_results.json", "download")]
    [InlineData("POST", "/cancel", "reason")]
    public async Task An_unknown_query_parameter_is_400_on_every_route(string method, string route, string parameter)
    {
        var run = await Host.Client.SubmitYamlRunAsync(RepositoryFiles.SmokeConfigYaml, cancellationToken: Token).WaitAsync(Timeout, Token);

        var (status, type, body) = await SendAsync(new HttpMethod(method), $"/api/runs/{run.Content!.RunId}{route}?{parameter}=1",
            method == "POST" ? "{}" : null, method == "POST" ? "application/json" : null);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("application/problem+json", type);
        Assert.StartsWith("unknown query parameter", Errors(body).GetProperty(parameter)[0].GetString(), StringComparison.Ordinal);
        Assert.Equal(StudyStatus.Preparing, (await Host.Client.GetRunAsync(run.Content.RunId, Token)).Content!.Status);
    }

    [Fact]
    public async Task An_unknown_query_parameter_gets_the_nearest_known_one_as_suggestion()
    {
        var (status, _, body) = await SendAsync(HttpMethod.Post, "/api/runs?seed=2", RepositoryFiles.SmokeConfigYaml, "application/yaml");

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("did you mean 'seeds'?", Errors(body).GetProperty("seed")[0].GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/api/runs")]
    [InlineData("/api/runs/{id}/cancel")]
    public async Task A_post_without_body_or_content_type_is_415_problem_details(string route)
    {
        var run = await Host.Client.SubmitYamlRunAsync(RepositoryFiles.SmokeConfigYaml, cancellationToken: Token).WaitAsync(Timeout, Token);
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(route.Replace("{id}", run.Content!.RunId, StringComparison.Ordinal), UriKind.Relative));

        using var response = await Host.Http.SendAsync(request, Token).WaitAsync(Timeout, Token);

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(StudyStatus.Preparing, (await Host.Client.GetRunAsync(run.Content.RunId, Token)).Content!.Status);
    }

    [Theory]
    [InlineData("/api/runs/%00")]
    [InlineData("/api/runs/abc%00def/results")]
    [InlineData("/api/runs/<NUL>")] // a raw NUL byte, not percent-encoded
    public async Task A_nul_byte_in_the_path_is_400_with_a_problem_body(string path)
    {
        var (head, body) = await RawAsync($"GET {path.Replace("<NUL>", "\0", StringComparison.Ordinal)} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");

        Assert.StartsWith("HTTP/1.1 400 Bad Request\r\n", head, StringComparison.Ordinal);
        Assert.Contains("Content-Type: application/problem+json\r\n", head, StringComparison.Ordinal);
        Assert.Contains($"Content-Length: {Encoding.UTF8.GetByteCount(body)}\r\n", head, StringComparison.Ordinal);
        var problem = JsonDocument.Parse(body).RootElement;
        Assert.Equal(400, problem.GetProperty("status").GetInt32());
        Assert.Equal("Malformed request", problem.GetProperty("title").GetString());
    }

    [Fact]
    public async Task A_nul_byte_after_a_good_request_on_the_same_connection_still_gets_the_problem_body()
    {
        var (head, body) = await RawAsync("GET /alive HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\nGET /api/runs/%00 HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n", unchunk: false);

        Assert.StartsWith("HTTP/1.1 200 OK\r\n", head, StringComparison.Ordinal);
        Assert.Contains("HTTP/1.1 400 Bad Request\r\n", body, StringComparison.Ordinal);
        Assert.EndsWith("}", body, StringComparison.Ordinal);
        Assert.Contains("\"title\":\"Malformed request\"", body, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/api/runs/abc%01")]
    [InlineData("/api/runs/abc%1F/results")]
    [InlineData("/api/runs/%7F")]
    public async Task A_control_character_in_the_path_is_400_problem_details(string path)
    {
        var (head, body) = await RawAsync($"GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");

        Assert.StartsWith("HTTP/1.1 400 Bad Request\r\n", head, StringComparison.Ordinal);
        Assert.Contains("Content-Type: application/problem+json", head, StringComparison.Ordinal);
        Assert.Equal("Invalid path", JsonDocument.Parse(body).RootElement.GetProperty("title").GetString());
    }

    /// <summary>
    /// Sends raw bytes (HttpClient normalizes or refuses such paths) and reads until the server closes: the response
    /// head up to the first blank line, and everything after it (the first response's data when it is chunked and
    /// <paramref name="unchunk"/>, else the bytes as they came).
    /// </summary>
    private async Task<(string Head, string Body)> RawAsync(string request, bool unchunk = true)
    {
        var address = new Uri(Host.Api.Urls.Single());
        using var tcp = new System.Net.Sockets.TcpClient();
        await tcp.ConnectAsync(address.Host, address.Port, Token).AsTask().WaitAsync(Timeout, Token);
        var stream = tcp.GetStream();
        await stream.WriteAsync(Encoding.Latin1.GetBytes(request), Token);
        using var received = new MemoryStream();
        await stream.CopyToAsync(received, Token).WaitAsync(Timeout, Token);
        var text = Encoding.UTF8.GetString(received.ToArray());
        var split = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        Assert.True(split > 0, $"no response head in: {text}");
        var (head, body) = (text[..(split + 2)], text[(split + 4)..]);
        return (head, unchunk && head.Contains("Transfer-Encoding: chunked", StringComparison.OrdinalIgnoreCase) ? Unchunk(body) : body);
    }

    /// <summary>The data of a chunked body (sizes in hex, each chunk followed by CRLF, a zero-size chunk last).</summary>
    private static string Unchunk(string body)
    {
        var data = new StringBuilder();
        var at = 0;
        while (true)
        {
            var line = body.IndexOf("\r\n", at, StringComparison.Ordinal);
            var size = Convert.ToInt32(body[at..line], 16);
            if (size == 0) return data.ToString();
            data.Append(body, line + 2, size);
            at = line + 2 + size + 2;
        }
    }

    [Fact]
    public async Task An_unknown_json_field_is_400_with_did_you_mean_not_a_single_arm_run()
    {
        var body = JsonSerializer.Serialize(new { config = RepositoryFiles.SmokeConfigYaml, compare_optimizer = true });

        var (status, type, text) = await SendAsync(HttpMethod.Post, "/api/runs", body, "application/json");

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("application/problem+json", type);
        Assert.Contains("did you mean 'compare_optimizers'?", Errors(text).GetProperty("compare_optimizer")[0].GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{\"reason\": ", "application/json", HttpStatusCode.BadRequest)]
    [InlineData("[\"stop\"]", "application/json", HttpStatusCode.BadRequest)]
    [InlineData("{\"reason\": 5}", "application/json", HttpStatusCode.BadRequest)]
    [InlineData("{\"reson\": \"x\"}", "application/json", HttpStatusCode.BadRequest)]
    [InlineData("reason=x", "application/x-www-form-urlencoded", HttpStatusCode.UnsupportedMediaType)]
    [InlineData("", null, HttpStatusCode.UnsupportedMediaType)]
    public async Task A_cancel_with_a_bad_body_or_no_json_content_type_is_refused(string body, string? contentType, HttpStatusCode expected)
    {
        var run = await Host.Client.SubmitRunAsync(RunSubmission.FromYaml(RepositoryFiles.SmokeConfigYaml), Token).WaitAsync(Timeout, Token);
        Assert.Equal(HttpStatusCode.Accepted, run.StatusCode);

        var (status, type, _) = await SendAsync(HttpMethod.Post, $"/api/runs/{run.Content!.RunId}/cancel", body, contentType);

        Assert.Equal(expected, status);
        Assert.Equal("application/problem+json", type);
        Assert.Equal(StudyStatus.Preparing, (await Host.Client.GetRunAsync(run.Content.RunId, Token)).Content!.Status);
    }

    [Fact]
    public async Task Fuzzed_request_bodies_never_crash_the_api_or_get_a_500()
    {
        // Bounded and deterministic: 70 documents, each as a YAML body and as the JSON config string (a 10 KB body of
        // 5000 '[' crashed the Api process before the parsers' depth limit), plus raw JSON bodies.
        foreach (var (kind, text) in ConfigFuzz.Documents(seed: 9, count: 70, maxChars: 200_000))
        {
            var yaml = await SendAsync(HttpMethod.Post, "/api/runs", text, "application/yaml");
            var asString = await SendAsync(HttpMethod.Post, "/api/runs", JsonSerializer.Serialize(new { config = text }), "application/json");
            var raw = await SendAsync(HttpMethod.Post, "/api/runs", text, "application/json");
            foreach (var (route, status) in new[] { ("yaml", yaml.Status), ("config string", asString.Status), ("json", raw.Status) })
                Assert.True((int)status < 500, $"{kind} document ({text.Length} chars) as {route}: {status}");
        }
        var (healthy, _, _) = await SendAsync(HttpMethod.Get, "/api/runs?limit=1");
        Assert.Equal(HttpStatusCode.OK, healthy);
    }
}
