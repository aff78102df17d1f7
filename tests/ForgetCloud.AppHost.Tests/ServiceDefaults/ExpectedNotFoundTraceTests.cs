using System.Diagnostics;
using Azure.Storage.Blobs;
using ForgetCloud.AppHost.Infrastructure;
using ForgetCloud.AppHost.Tests.Infrastructure;
using ForgetCloud.ServiceDefaults;
using ForgetCloud.ServiceDefaults.Blobs;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OpenTelemetry;
using OpenTelemetry.Trace;

namespace ForgetCloud.AppHost.Tests.ServiceDefaults;

/// <summary>The services' real telemetry (ServiceDefaults) against the fixture's Azurite, the finished spans kept in memory.</summary>
[Collection(LocalServersCollection.Name)]
public sealed class ExpectedNotFoundTraceTests(LocalServersFixture fixture)
{
    /// <summary>The spans as an exporter gets them: after every instrumentation and enrichment has run.</summary>
    private sealed class FinishedSpans : BaseProcessor<Activity>
    {
        public List<Activity> Spans { get; } = [];

        public override void OnEnd(Activity data)
        {
            lock (Spans) Spans.Add(data);
        }
    }

    [Fact]
    public async Task A_blob_existence_check_that_finds_nothing_is_no_error_span_but_a_failed_download_is()
    {
        var token = TestContext.Current.CancellationToken;
        var spans = new FinishedSpans();
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration[$"ConnectionStrings:{ResourceNames.Blobs}"] = await fixture.ConnectionStringAsync(ResourceNames.Blobs);
        builder.AddServiceDefaults().AddForgetCloudBlobStore();
        builder.Services.ConfigureOpenTelemetryTracerProvider(tracing => tracing.AddProcessor(spans));
        using var host = builder.Build();
        await host.StartAsync(token); // creates the container
        var blob = host.Services.GetRequiredService<BlobContainerClient>().GetBlobClient($"absent/{Guid.NewGuid():N}.json");

        Assert.False(await blob.ExistsAsync(token));
        await Assert.ThrowsAsync<Azure.RequestFailedException>(() => blob.DownloadContentAsync(token));
        await host.StopAsync(token);

        List<Activity> http;
        lock (spans.Spans) http = [.. spans.Spans.Where(s => s.Kind == ActivityKind.Client && s.GetTagItem("http.response.status_code") is 404)];
        var head = Assert.Single(http, s => (string?)s.GetTagItem("http.request.method") == "HEAD");
        Assert.Equal(ActivityStatusCode.Unset, head.Status);
        Assert.Null(head.GetTagItem("error.type"));
        // Before ExpectedNotFound both were Error; a GET's 404 is a real failure and stays one.
        Assert.Contains(http, s => (string?)s.GetTagItem("http.request.method") == "GET" && s.Status == ActivityStatusCode.Error);
    }
}
