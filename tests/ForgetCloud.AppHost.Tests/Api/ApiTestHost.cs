using ForgetCloud.Api;
using ForgetCloud.Api.Security;
using ForgetCloud.AppHost.Infrastructure;
using ForgetCloud.AppHost.Tests.Infrastructure;
using ForgetCloud.Contracts.Api;
using ForgetCloud.ServiceDefaults;
using ForgetCloud.ServiceDefaults.Messaging;
using MassTransit;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace ForgetCloud.AppHost.Tests.Api;

/// <summary>
/// The real Api, in-process on a loopback port, against the fixture's Redis, RabbitMQ and Azurite; plus a
/// "worker" host whose <see cref="CommandRecorder"/> receives the commands the Api publishes. Both are stopped on disposal.
/// </summary>
public sealed class ApiTestHost : IAsyncDisposable
{
    public static readonly TimeSpan Timeout = LocalServersFixture.StepTimeout;

    private ApiTestHost(WebApplication api, IHost worker, HttpClient http)
    {
        Api = api;
        Worker = worker;
        Http = http;
        Client = ForgetCloudApiClient.Create(http);
    }

    public WebApplication Api { get; }
    public IHost Worker { get; }
    public HttpClient Http { get; }
    public IForgetCloudApi Client { get; }
    public CommandInbox Inbox => Worker.Services.GetRequiredService<CommandInbox>();
    public IPublishEndpoint WorkerBus => Worker.Services.GetRequiredService<IPublishEndpoint>();

    /// <summary>A submission budget no test reaches unless it sets its own (the fuzz test submits hundreds of runs).</summary>
    public const int UnreachedSubmissionLimit = 100_000;

    /// <param name="fixture">The servers.</param>
    /// <param name="maxBodyBytes">ForgetCloud:Api:MaxRequestBodyBytes, when not the default.</param>
    /// <param name="settings">More Api configuration (e.g. <c>ForgetCloud:Api:Authentication:ApiKeyHashes:0</c>).</param>
    /// <param name="configure">Changes to the Api's builder after the configuration (test doubles of its services).</param>
    /// <param name="apiKey">Sent by <see cref="Client"/> and <see cref="Http"/> as <c>Authorization: Bearer</c>.</param>
    public static async Task<ApiTestHost> StartAsync(
        LocalServersFixture fixture, long? maxBodyBytes = null, IReadOnlyDictionary<string, string?>? settings = null,
        Action<WebApplicationBuilder>? configure = null, string? apiKey = null)
    {
        var connections = new Dictionary<string, string?>
        {
            [$"ConnectionStrings:{ResourceNames.Redis}"] = await fixture.ConnectionStringAsync(ResourceNames.Redis),
            [$"ConnectionStrings:{ResourceNames.Messaging}"] = await fixture.ConnectionStringAsync(ResourceNames.Messaging),
            [$"ConnectionStrings:{ResourceNames.Blobs}"] = await fixture.ConnectionStringAsync(ResourceNames.Blobs),
        };
        var api = ApiApplication.Create([], builder =>
        {
            builder.WebHost.UseUrls("http://127.0.0.1:0");
            builder.Configuration.AddInMemoryCollection(connections);
            builder.Configuration[$"{RateLimitSettings.SectionName}:{nameof(RateLimitSettings.PermitLimit)}"] = UnreachedSubmissionLimit.ToString(System.Globalization.CultureInfo.InvariantCulture);
            if (maxBodyBytes is { } max)
                builder.Configuration[$"{ApiSettings.SectionName}:{nameof(ApiSettings.MaxRequestBodyBytes)}"] = max.ToString(System.Globalization.CultureInfo.InvariantCulture);
            if (settings is not null)
                builder.Configuration.AddInMemoryCollection(settings);
            configure?.Invoke(builder);
        });

        var workerBuilder = Host.CreateApplicationBuilder();
        workerBuilder.Configuration.AddInMemoryCollection(connections);
        workerBuilder.Services.AddSingleton<CommandInbox>();
        var queue = "api-tests-" + Guid.NewGuid().ToString("N")[..12];
        workerBuilder.AddServiceDefaults().AddForgetCloudMessaging(bus =>
            bus.AddConsumer<CommandRecorder>().Endpoint(e =>
            {
                e.Name = queue;
                e.Temporary = true; // auto-deleted with the connection: no queue outlives the test
            }));
        var worker = workerBuilder.Build();

        await worker.StartAsync().WaitAsync(Timeout);
        await api.StartAsync().WaitAsync(Timeout);
        HttpMessageHandler handler = new SocketsHttpHandler();
        if (apiKey is not null)
            handler = new ApiKeyHandler(apiKey, handler);
        var http = new HttpClient(handler) { BaseAddress = new Uri(api.Urls.Single()), Timeout = Timeout };
        return new ApiTestHost(api, worker, http);
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await Api.StopAsync().WaitAsync(Timeout);
        await Api.DisposeAsync().AsTask().WaitAsync(Timeout);
        await Worker.StopAsync().WaitAsync(Timeout);
        Worker.Dispose();
    }
}
