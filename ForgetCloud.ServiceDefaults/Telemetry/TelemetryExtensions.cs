using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace ForgetCloud.ServiceDefaults.Telemetry;

/// <summary>OpenTelemetry wiring shared by every service.</summary>
public static class TelemetryExtensions
{
    /// <summary>MassTransit 8's ActivitySource and Meter are both named "MassTransit".</summary>
    public const string MassTransitSource = "MassTransit";

    /// <summary>
    /// Every meter and activity source whose name starts with "ForgetCloud." is exported, so a service only names
    /// its own (for example "ForgetCloud.Trainer") and the dashboard shows it without further wiring.
    /// </summary>
    public const string ForgetCloudSources = "ForgetCloud.*";

    public static TBuilder AddForgetCloudTelemetry<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        builder.Logging.AddOpenTelemetry(logging =>
        {
            logging.IncludeFormattedMessage = true;
            logging.IncludeScopes = true;
        });

        builder.Services.AddOpenTelemetry()
            .WithMetrics(metrics => metrics
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddRuntimeInstrumentation()
                .AddMeter(MassTransitSource, ForgetCloudSources))
            .WithTracing(tracing => tracing
                .AddSource(builder.Environment.ApplicationName, MassTransitSource, ForgetCloudSources)
                // Probes hit the health endpoints every few seconds: tracing them only buries real requests.
                .AddAspNetCoreInstrumentation(options => options.Filter = context =>
                    !context.Request.Path.StartsWithSegments(Health.HealthEndpoints.HealthPath)
                    && !context.Request.Path.StartsWithSegments(Health.HealthEndpoints.AlivePath))
                // A HEAD's 404 is a blob existence check answering "absent": no error in the trace.
                .AddHttpClientInstrumentation(options => options.EnrichWithHttpResponseMessage = ExpectedNotFound.Clear));

        // The orchestrator (Aspire dashboard, or the platform in Azure) sets the endpoint; without it nothing exports.
        if (!string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
        {
            builder.Services.AddOpenTelemetry().UseOtlpExporter();
        }
        return builder;
    }
}
