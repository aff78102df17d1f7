using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace ForgetCloud.AppHost.Infrastructure.HealthChecks;

public static class HealthCheckResourceExtensions
{
    /// <summary>Registers <paramref name="check"/> with the AppHost's health service and makes it the resource's health.</summary>
    public static IResourceBuilder<T> WithProtocolHealthCheck<T>(this IResourceBuilder<T> builder, IHealthCheck check) where T : IResource
    {
        var key = $"{builder.Resource.Name}-protocol";
        builder.ApplicationBuilder.Services.AddHealthChecks().Add(new HealthCheckRegistration(key, check, failureStatus: null, tags: null));
        return builder.WithHealthCheck(key);
    }
}
