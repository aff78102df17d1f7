using System.Net;
using System.Net.Http.Headers;
using System.Security.Claims;
using System.Text;
using System.Text.Json;
using ForgetCloud.AppHost.Tests.Infrastructure;
using ForgetCloud.AppHost.Tests.Security;
using ForgetCloud.Contracts.Api;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;
using ForgetCloud.Contracts.Lifecycle;

namespace ForgetCloud.AppHost.Tests.Api;

/// <summary>Issue 9: API keys, Entra ID tokens, 401/403 problem details and the submission rate limit, on the real Api.</summary>
[Collection(LocalServersCollection.Name)]
public sealed class ApiAuthenticationTests(LocalServersFixture fixture)
{
    private const string Section = "ForgetCloud:Api:Authentication";
    private const string Issuer = "https://login.forgetcloud.test/tenant/v2.0";
    private const string Audience = "api://forgetcloud-tests";
    private const string Role = "Runs.Write";
    private static readonly TimeSpan Timeout = ApiTestHost.Timeout;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static Dictionary<string, string?> Keys(params string[] hashes)
    {
        var settings = new Dictionary<string, string?>(StringComparer.Ordinal);
        for (var i = 0; i < hashes.Length; i++)
            settings[$"{Section}:ApiKeyHashes:{i}"] = hashes[i];
        return settings;
    }

    private Task<ApiTestHost> StartAsync(IReadOnlyDictionary<string, string?> settings, Action<Microsoft.AspNetCore.Builder.WebApplicationBuilder>? configure = null) =>
        ApiTestHost.StartAsync(fixture, settings: settings, configure: configure);

    private sealed record Answer(HttpStatusCode Status, string? MediaType, string Body, HttpResponseMessage Response)
    {
        public string? Title => JsonDocument.Parse(Body).RootElement.GetProperty("title").GetString();
    }

    private static async Task<Answer> SendAsync(ApiTestHost host, HttpMethod method, string uri, Action<HttpRequestMessage>? credentials = null, string? yaml = null)
    {
        var request = new HttpRequestMessage(method, new Uri(uri, UriKind.Relative));
        if (yaml is not null)
            request.Content = new StringContent(yaml, Encoding.UTF8, "application/yaml");
        else if (method == HttpMethod.Post)
            request.Content = new StringContent("{}", Encoding.UTF8, "application/json");
        credentials?.Invoke(request);
        var response = await host.Http.SendAsync(request, Token).WaitAsync(Timeout, Token);
        return new Answer(response.StatusCode, response.Content.Headers.ContentType?.MediaType, await response.Content.ReadAsStringAsync(Token), response);
    }

    private static Action<HttpRequestMessage> Bearer(string key) => r => r.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);

    private static Action<HttpRequestMessage> Header(string key) => r => r.Headers.Add(ApiKeys.HeaderName, key);

    private static Action<HttpRequestMessage> Credential(string form, string key) => form == "bearer" ? Bearer(key) : Header(key);

    [Fact]
    public async Task Without_a_key_every_api_route_is_401_problem_details_and_health_stays_open()
    {
        await using var host = await StartAsync(Keys(TestKeys.KeyHash));
        const string run = "/api/runs/20990101-000000-deadbeef";

        var answers = new[]
        {
            await SendAsync(host, HttpMethod.Get, "/api/runs"),
            await SendAsync(host, HttpMethod.Get, run),
            await SendAsync(host, HttpMethod.Get, run + "/events"),
            await SendAsync(host, HttpMethod.Get, run + "/results"),
            await SendAsync(host, HttpMethod.Get, run + "/artifacts"),
            await SendAsync(host, HttpMethod.Get, run + "/artifacts/report/final_results.json"),
            await SendAsync(host, HttpMethod.Post, "/api/runs", yaml: RepositoryFiles.SmokeConfigYaml),
            await SendAsync(host, HttpMethod.Post, run + "/cancel"),
        };

        Assert.All(answers, a =>
        {
            Assert.Equal(HttpStatusCode.Unauthorized, a.Status);
            Assert.Equal("application/problem+json", a.MediaType);
            Assert.Equal("Authentication required", a.Title);
            Assert.Contains("Bearer", a.Response.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
        });
        Assert.Contains("X-Api-Key: <key>", JsonDocument.Parse(answers[0].Body).RootElement.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(host, HttpMethod.Get, "/health")).Status);
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(host, HttpMethod.Get, "/alive")).Status);
    }

    [Theory]
    [InlineData("bearer")]
    [InlineData("x-api-key")]
    public async Task A_wrong_key_is_401_and_a_configured_one_is_accepted(string form)
    {
        // Two keys configured, as during a rotation: both work.
        await using var host = await StartAsync(Keys(TestKeys.OtherKeyHash, TestKeys.KeyHash));

        var wrong = await SendAsync(host, HttpMethod.Get, "/api/runs", Credential(form, TestKeys.Key + "x"));
        var hashAsKey = await SendAsync(host, HttpMethod.Get, "/api/runs", Credential(form, TestKeys.KeyHash));
        var right = await SendAsync(host, HttpMethod.Get, "/api/runs", Credential(form, TestKeys.Key));
        var other = await SendAsync(host, HttpMethod.Get, "/api/runs", Credential(form, TestKeys.OtherKey));

        Assert.Equal(HttpStatusCode.Unauthorized, wrong.Status);
        Assert.Equal("application/problem+json", wrong.MediaType);
        Assert.Equal("Invalid credentials", wrong.Title);
        Assert.Equal(HttpStatusCode.Unauthorized, hashAsKey.Status);
        Assert.Equal(HttpStatusCode.OK, right.Status);
        Assert.Equal(HttpStatusCode.OK, other.Status);
    }

    [Fact]
    public async Task The_refit_client_with_the_key_handler_submits_and_cancels()
    {
        await using var host = await ApiTestHost.StartAsync(fixture, settings: Keys(TestKeys.KeyHash), apiKey: TestKeys.Key);

        var submitted = await host.Client.SubmitYamlRunAsync(RepositoryFiles.SmokeConfigYaml, cancellationToken: Token).WaitAsync(Timeout, Token);
        Assert.Equal(HttpStatusCode.Accepted, submitted.StatusCode);
        var cancelled = await host.Client.CancelRunAsync(submitted.Content!.RunId, new CancelRunRequest(null), Token).WaitAsync(Timeout, Token);

        Assert.Equal(HttpStatusCode.Accepted, cancelled.StatusCode);
        Assert.Equal(StudyStatus.Cancelled, cancelled.Content!.Status);
    }

    [Fact]
    public async Task Submissions_past_the_limit_are_429_with_retry_after_and_each_caller_has_its_own_budget()
    {
        var settings = Keys(TestKeys.KeyHash, TestKeys.OtherKeyHash);
        settings["ForgetCloud:Api:SubmissionRateLimit:PermitLimit"] = "2";
        settings["ForgetCloud:Api:SubmissionRateLimit:Window"] = "00:10:00";
        await using var host = await StartAsync(settings);
        Task<Answer> Submit(string key) => SendAsync(host, HttpMethod.Post, "/api/runs", Bearer(key), RepositoryFiles.SmokeConfigYaml);

        var first = await Submit(TestKeys.Key);
        var second = await Submit(TestKeys.Key);
        var third = await Submit(TestKeys.Key);
        var otherCaller = await Submit(TestKeys.OtherKey);
        var reading = await SendAsync(host, HttpMethod.Get, "/api/runs", Bearer(TestKeys.Key));

        Assert.Equal((HttpStatusCode.Accepted, HttpStatusCode.Accepted), (first.Status, second.Status));
        Assert.Equal(HttpStatusCode.TooManyRequests, third.Status);
        Assert.Equal("application/problem+json", third.MediaType);
        Assert.Equal("Too many submissions", third.Title);
        var retryAfter = third.Response.Headers.RetryAfter?.Delta;
        Assert.NotNull(retryAfter);
        Assert.InRange(retryAfter.Value, TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(10));
        Assert.Equal(HttpStatusCode.Accepted, otherCaller.Status);
        Assert.Equal(HttpStatusCode.OK, reading.Status); // only submissions are limited
    }

    [Fact]
    public async Task Entra_id_tokens_and_api_keys_are_both_accepted_and_a_token_without_the_role_is_403()
    {
        var signing = new SymmetricSecurityKey(Encoding.UTF8.GetBytes("forgetcloud-test-signing-key-of-32+bytes"));
        var settings = Keys(TestKeys.KeyHash);
        settings[$"{Section}:Jwt:Authority"] = Issuer;
        settings[$"{Section}:Jwt:Audience"] = Audience;
        settings[$"{Section}:Jwt:RequiredRole"] = Role;
        // The issuer's metadata, as the handler would fetch it from the authority: here, the test's own signing key.
        await using var host = await StartAsync(settings, builder => builder.Services.PostConfigure<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme, o =>
        {
            o.Configuration = new OpenIdConnectConfiguration { Issuer = Issuer };
            o.Configuration.SigningKeys.Add(signing);
            o.ConfigurationManager = new StaticConfigurationManager<OpenIdConnectConfiguration>(o.Configuration);
        }));
        string Jwt(SecurityKey key, params Claim[] claims) => new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = Issuer,
            Audience = Audience,
            Subject = new ClaimsIdentity([new Claim("sub", "user-1"), .. claims]),
            Expires = DateTime.UtcNow.AddMinutes(5),
            SigningCredentials = new SigningCredentials(key, SecurityAlgorithms.HmacSha256),
        });

        var withRole = await SendAsync(host, HttpMethod.Get, "/api/runs", Bearer(Jwt(signing, new Claim("roles", Role))));
        var withoutRole = await SendAsync(host, HttpMethod.Get, "/api/runs", Bearer(Jwt(signing)));
        var forged = await SendAsync(host, HttpMethod.Get, "/api/runs",
            Bearer(Jwt(new SymmetricSecurityKey(Encoding.UTF8.GetBytes("another-signing-key-nobody-trusts-32b")), new Claim("roles", Role))));
        var bearerKey = await SendAsync(host, HttpMethod.Get, "/api/runs", Bearer(TestKeys.Key));
        var headerKey = await SendAsync(host, HttpMethod.Get, "/api/runs", Header(TestKeys.Key));

        Assert.Equal(HttpStatusCode.OK, withRole.Status);
        Assert.Equal(HttpStatusCode.Forbidden, withoutRole.Status);
        Assert.Equal("application/problem+json", withoutRole.MediaType);
        Assert.Equal("Not allowed", withoutRole.Title);
        Assert.Contains(Role, withoutRole.Body, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, forged.Status);
        Assert.Equal("Invalid credentials", forged.Title);
        Assert.Equal(HttpStatusCode.OK, bearerKey.Status);
        Assert.Equal(HttpStatusCode.OK, headerKey.Status);
    }
}
