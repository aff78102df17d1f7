using ForgetCloud.AppHost.Infrastructure;
using ForgetCloud.AppHost.Tests.Infrastructure;
using ForgetCloud.Contracts.Messages;
using ForgetCloud.ServiceDefaults;
using ForgetCloud.ServiceDefaults.Messaging;
using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace ForgetCloud.AppHost.Tests.Cli;

/// <summary>
/// An Evaluator whose analysis fails for good: a consumer of AnalyzeStudy on its own temporary queue that throws, so
/// that MassTransit itself publishes the Fault&lt;AnalyzeStudy&gt; the Api turns into a failed run.
/// </summary>
public sealed class FaultingAnalysis : IAsyncDisposable
{
    public const string Message = "the report could not be written (test)";

    private readonly IHost _host;

    private FaultingAnalysis(IHost host) => _host = host;

    public static async Task<FaultingAnalysis> StartAsync(LocalServersFixture fixture)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration[$"ConnectionStrings:{ResourceNames.Messaging}"] = await fixture.ConnectionStringAsync(ResourceNames.Messaging);
        builder.AddServiceDefaults().AddForgetCloudMessaging(bus => bus.AddConsumer<ThrowingConsumer>().Endpoint(e =>
        {
            e.Name = "faulting-analysis-" + Guid.NewGuid().ToString("N")[..12];
            e.Temporary = true;
        }));
        var host = builder.Build();
        await host.StartAsync().WaitAsync(LocalServersFixture.StepTimeout);
        return new FaultingAnalysis(host);
    }

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync().WaitAsync(LocalServersFixture.StepTimeout);
        _host.Dispose();
    }

    private sealed class ThrowingConsumer : IConsumer<AnalyzeStudy>
    {
        public Task Consume(ConsumeContext<AnalyzeStudy> context) => throw new InvalidOperationException(Message);
    }
}
