using Azure.Storage.Blobs;
using ForgetCloud.AppHost.Infrastructure;
using ForgetCloud.ServiceDefaults;
using ForgetCloud.ServiceDefaults.Blobs;
using ForgetCloud.ServiceDefaults.Messaging;
using ForgetCloud.ServiceDefaults.Redis;
using MassTransit;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using StackExchange.Redis;

namespace ForgetCloud.AppHost.Tests.Infrastructure;

/// <summary>The ServiceDefaults wiring against the real servers the AppHost started.</summary>
[Collection(LocalServersCollection.Name)]
public sealed class LocalServersTests(LocalServersFixture fixture)
{
    private static readonly TimeSpan Timeout = LocalServersFixture.StepTimeout;

    [Fact]
    public void Every_server_runs_as_a_process_in_the_data_directory()
    {
        var commandLines = ServerProcesses.StartedIn(fixture.DataDirectory).Select(p => p.CommandLine).ToList();

        Assert.Contains(commandLines, c => c.Contains("redis-server", StringComparison.Ordinal));
        Assert.Contains(commandLines, c => c.Contains("beam.smp", StringComparison.Ordinal) && c.Contains("rabbit boot", StringComparison.Ordinal));
        Assert.Contains(commandLines, c => c.Split(' ')[0].EndsWith("/epmd", StringComparison.Ordinal));
        Assert.Contains(commandLines, c => c.Contains("azurite-blob", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Redis_stores_and_returns_a_value()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration[$"ConnectionStrings:{ResourceNames.Redis}"] = await fixture.ConnectionStringAsync(ResourceNames.Redis);
        builder.AddServiceDefaults().AddForgetCloudRedis();
        using var host = builder.Build();
        var database = host.Services.GetRequiredService<IConnectionMultiplexer>().GetDatabase();
        var key = $"test:{Guid.NewGuid():N}";

        await database.StringSetAsync(key, "stage-1-done", TimeSpan.FromMinutes(1)).WaitAsync(Timeout, TestContext.Current.CancellationToken);
        var value = await database.StringGetAsync(key).WaitAsync(Timeout, TestContext.Current.CancellationToken);

        Assert.Equal("stage-1-done", value.ToString());
    }

    [Fact]
    public async Task A_published_message_reaches_its_consumer_over_rabbitmq()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration[$"ConnectionStrings:{ResourceNames.Messaging}"] = await fixture.ConnectionStringAsync(ResourceNames.Messaging);
        builder.Services.AddSingleton<PingInbox>();
        builder.AddServiceDefaults().AddForgetCloudMessaging(bus => bus.AddConsumer<PingConsumer>());
        using var host = builder.Build();
        await host.StartAsync(TestContext.Current.CancellationToken).WaitAsync(Timeout, TestContext.Current.CancellationToken);
        var sent = new PingRequested(Guid.NewGuid(), "hello over amqp");

        await host.Services.GetRequiredService<IPublishEndpoint>().Publish(sent, TestContext.Current.CancellationToken).WaitAsync(Timeout, TestContext.Current.CancellationToken);
        var received = await host.Services.GetRequiredService<PingInbox>().Received.Task.WaitAsync(Timeout, TestContext.Current.CancellationToken);
        await host.StopAsync(TestContext.Current.CancellationToken).WaitAsync(Timeout, TestContext.Current.CancellationToken);

        Assert.Equal(sent, received);
    }

    [Fact]
    public async Task A_blob_uploaded_to_azurite_downloads_unchanged()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration[$"ConnectionStrings:{ResourceNames.Blobs}"] = await fixture.ConnectionStringAsync(ResourceNames.Blobs);
        builder.Configuration[BlobStoreSettings.ContainerNameKey] = "roundtrip-" + Guid.NewGuid().ToString("N")[..12];
        builder.AddServiceDefaults().AddForgetCloudBlobStore();
        using var host = builder.Build();
        await host.StartAsync(TestContext.Current.CancellationToken).WaitAsync(Timeout, TestContext.Current.CancellationToken); // creates the container
        var container = host.Services.GetRequiredService<BlobContainerClient>();
        var payload = new byte[100_003];
        new Random(7).NextBytes(payload);

        await container.GetBlobClient("runs/r1/checkpoint.bin").UploadAsync(new BinaryData(payload), TestContext.Current.CancellationToken).WaitAsync(Timeout, TestContext.Current.CancellationToken);
        var downloaded = await container.GetBlobClient("runs/r1/checkpoint.bin").DownloadContentAsync(TestContext.Current.CancellationToken).WaitAsync(Timeout, TestContext.Current.CancellationToken);
        await host.StopAsync(TestContext.Current.CancellationToken).WaitAsync(Timeout, TestContext.Current.CancellationToken);

        Assert.Equal(payload, downloaded.Value.Content.ToArray());
    }

    [Fact]
    public async Task Health_endpoints_answer_in_production_and_report_the_real_dependencies()
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = Environments.Production });
        builder.Configuration[$"ConnectionStrings:{ResourceNames.Messaging}"] = await fixture.ConnectionStringAsync(ResourceNames.Messaging);
        builder.Configuration[$"ConnectionStrings:{ResourceNames.Blobs}"] = await fixture.ConnectionStringAsync(ResourceNames.Blobs);
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.AddServiceDefaults().AddForgetCloudMessaging().AddForgetCloudBlobStore();
        await using var app = builder.Build();
        app.MapDefaultEndpoints();
        await app.StartAsync(TestContext.Current.CancellationToken).WaitAsync(Timeout, TestContext.Current.CancellationToken);
        using var http = new HttpClient { BaseAddress = new Uri(app.Urls.Single()) };

        var alive = await http.GetAsync(new Uri("/alive", UriKind.Relative), TestContext.Current.CancellationToken).WaitAsync(Timeout, TestContext.Current.CancellationToken);
        var health = await http.GetAsync(new Uri("/health", UriKind.Relative), TestContext.Current.CancellationToken).WaitAsync(Timeout, TestContext.Current.CancellationToken);
        var report = await app.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync(TestContext.Current.CancellationToken).WaitAsync(Timeout, TestContext.Current.CancellationToken);
        await app.StopAsync(TestContext.Current.CancellationToken).WaitAsync(Timeout, TestContext.Current.CancellationToken);

        Assert.Equal(System.Net.HttpStatusCode.OK, alive.StatusCode);
        Assert.Equal(System.Net.HttpStatusCode.OK, health.StatusCode);
        Assert.Equal("Healthy", await health.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.Equal(HealthStatus.Healthy, report.Entries[ResourceNames.Blobs].Status);
        Assert.Contains(report.Entries, entry => entry.Key.Contains("masstransit", StringComparison.OrdinalIgnoreCase)
                                                 && entry.Value.Status == HealthStatus.Healthy);
    }
}
