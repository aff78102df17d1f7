using Aspire.Hosting;
using Aspire.Hosting.Testing;
using ForgetCloud.AppHost.Infrastructure;
using ForgetCloud.AppHost.Security;

namespace ForgetCloud.AppHost.Tests.Infrastructure;

/// <summary>
/// Starts the real AppHost once in executables mode, with its state in a fresh temporary directory, and waits until
/// redis, messaging and blobs report healthy. Its Api requires <see cref="Security.TestKeys.Key"/>. On disposal it stops the app and then proves that every server process
/// it started (found by their working directory, the data directory) has exited.
/// </summary>
public sealed class LocalServersFixture : IAsyncLifetime
{
    public static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);
    public static readonly TimeSpan StepTimeout = TimeSpan.FromSeconds(30);

    private readonly string _dataDirectory = Directory.CreateTempSubdirectory("forgetcloud-apphost-tests-").FullName;
    private DistributedApplication? _app;

    public DistributedApplication App => _app ?? throw new InvalidOperationException("The AppHost has not started.");

    public string DataDirectory => _dataDirectory;

    public async ValueTask InitializeAsync()
    {
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.ForgetCloud_AppHost>(
                [$"{InfrastructureSettings.ModeKey}=executables", $"{InfrastructureSettings.DataDirectoryKey}={_dataDirectory}", "ForgetCloud:Workers=false",
                    // The AppHost's Api requires this key (ApiResourceTests); the Api tests start their own Api in-process.
                    $"{ApiKeyExtensions.KeyConfig}={Security.TestKeys.Key}"])
            .WaitAsync(StartTimeout);
        _app = await builder.BuildAsync().WaitAsync(StartTimeout);
        await _app.StartAsync().WaitAsync(StartTimeout);
        foreach (var name in (string[])[ResourceNames.Redis, ResourceNames.Messaging, ResourceNames.Blobs])
        {
            await _app.ResourceNotifications.WaitForResourceHealthyAsync(name).WaitAsync(StartTimeout);
        }
    }

    public async Task<string> ConnectionStringAsync(string resourceName) =>
        await App.GetConnectionStringAsync(resourceName).AsTask().WaitAsync(StepTimeout)
        ?? throw new InvalidOperationException($"Resource '{resourceName}' has no connection string.");

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync().WaitAsync(StepTimeout);
            await _app.DisposeAsync().AsTask().WaitAsync(StepTimeout);
        }
        // Servers exit asynchronously after DCP signals them: give them a bounded moment, then insist.
        var deadline = DateTime.UtcNow + StepTimeout;
        var leftovers = ServerProcesses.StartedIn(_dataDirectory);
        while (leftovers.Count > 0 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(200);
            leftovers = ServerProcesses.StartedIn(_dataDirectory);
        }
        if (leftovers.Count > 0)
        {
            throw new InvalidOperationException(
                "Server processes outlived the AppHost: " + string.Join("; ", leftovers.Select(p => $"{p.Pid} {p.CommandLine}")));
        }
        Directory.Delete(_dataDirectory, recursive: true);
    }
}
