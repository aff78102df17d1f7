using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using ForgetCloud.ServiceDefaults.Health;
using ForgetCloud.ServiceDefaults.Telemetry;

namespace ForgetCloud.ServiceDefaults;

/// <summary>The Aspire-style defaults every ForgetCloud service starts with.</summary>
public static class ServiceDefaultsExtensions
{
    /// <summary>
    /// OpenTelemetry (logs, metrics, traces; OTLP when OTEL_EXPORTER_OTLP_ENDPOINT is set), the liveness check,
    /// service discovery, and standard resilience on every HttpClient from the factory.
    /// </summary>
    public static TBuilder AddServiceDefaults<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.AddForgetCloudTelemetry();
        builder.AddDefaultHealthChecks();
        builder.Services.AddServiceDiscovery();
        builder.Services.ConfigureHttpClientDefaults(http =>
        {
            http.AddStandardResilienceHandler();
            http.AddServiceDiscovery();
        });
        return builder;
    }

    /// <summary>
    /// Maps <c>/health</c> (every check: the service is ready for traffic) and <c>/alive</c> (only checks tagged
    /// "live": the process is responsive). Mapped in every environment, because the orchestrator and Azure Container
    /// Apps probes use them outside Development too.
    /// </summary>
    public static WebApplication MapDefaultEndpoints(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapHealthChecks(HealthEndpoints.HealthPath);
        app.MapHealthChecks(HealthEndpoints.AlivePath, new() { Predicate = check => check.Tags.Contains(HealthEndpoints.LiveTag) });
        return app;
    }
}
