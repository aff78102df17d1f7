using System.Net;
using System.Text;
using System.Text.Json;
using ForgetCloud.AppHost.Tests.Infrastructure;
using ForgetCloud.Contracts.Api;
using ForgetCloud.Contracts.Tests.Configuration;

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
        Assert.Equal(RunStatus.Preparing, (await Host.Client.GetRunAsync(run.Content.RunId, Token)).Content!.Status);
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
