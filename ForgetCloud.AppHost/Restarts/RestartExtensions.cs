using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ForgetCloud.AppHost.Restarts;

public static class RestartExtensions
{
    /// <summary>The configuration key that turns the restart policy off (default on when running locally).</summary>
    public const string EnabledKey = "ForgetCloud:RestartWorkers";

    /// <summary>
    /// Restarts the named service resources when they exit unexpectedly (run mode only: in Azure Container Apps the
    /// platform restarts containers itself).
    /// </summary>
    public static IDistributedApplicationBuilder WithWorkerRestarts(this IDistributedApplicationBuilder builder, params string[] resourceNames)
    {
        ArgumentNullException.ThrowIfNull(builder);
        if (!builder.ExecutionContext.IsRunMode || !builder.Configuration.GetValue(EnabledKey, true)) return builder;
        var names = resourceNames.ToHashSet(StringComparer.Ordinal);
        builder.Services.AddHostedService(sp => new WorkerRestarts(
            names,
            RestartBackoff.Default,
            sp.GetRequiredService<ResourceNotificationService>(),
            sp.GetRequiredService<ResourceCommandService>(),
            sp.GetRequiredService<IHostApplicationLifetime>(),
            TimeProvider.System,
            sp.GetRequiredService<ILogger<WorkerRestarts>>()));
        return builder;
    }
}
