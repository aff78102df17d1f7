using System.Diagnostics;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using Azure.Storage.Blobs;
using ForgetCloud.AppHost.Infrastructure;
using ForgetCloud.Contracts.Api;
using ForgetCloud.Learning.Tests.TestSupport;
using ForgetCloud.ServiceDefaults.Blobs;
using Microsoft.Extensions.DependencyInjection;
using ForgetCloud.Contracts.Lifecycle;

namespace ForgetCloud.EndToEnd.Tests.TestSupport;

/// <summary>
/// The whole composition once for every test of the collection: the real AppHost in executables mode (state in a fresh
/// temp directory, the shared datasets handed to DataPrep), waiting until every resource is healthy. Disposal stops the
/// app and checks that no process started in the temp directory survives.
/// </summary>
public sealed class DistributedStudyFixture : IAsyncLifetime
{
    public static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(3);
    public static readonly TimeSpan StepTimeout = TimeSpan.FromSeconds(60);
    public static readonly TimeSpan RunTimeout = TimeSpan.FromMinutes(8);

    public static readonly string[] Services = ["api", "dataprep", "trainer", "evaluator"];

    /// <summary>Short heartbeat settings, so a stall shows within seconds instead of the default minute.</summary>
    public static readonly TimeSpan HeartbeatInterval = TimeSpan.FromSeconds(2);
    public static readonly TimeSpan StallTimeout = TimeSpan.FromSeconds(10);

    private readonly string _dataDirectory = Directory.CreateTempSubdirectory("forgetcloud-e2e-").FullName;
    private DistributedApplication? _app;
    private HttpClient? _http;

    public DistributedApplication App => _app ?? throw new InvalidOperationException("The AppHost has not started.");

    public IForgetCloudApi Api { get; private set; } = null!;

    public BlobContainerClient Blobs { get; private set; } = null!;

    public string DataDirectory => _dataDirectory;

    public async ValueTask InitializeAsync()
    {
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.ForgetCloud_AppHost>(
            [
                $"{InfrastructureSettings.ModeKey}=executables",
                $"{InfrastructureSettings.DataDirectoryKey}={_dataDirectory}",
                $"ForgetCloud:LocalDataDirectory={TestPaths.SharedData}",
                $"{HeartbeatSettingsExtensions.HeartbeatIntervalKey}={HeartbeatInterval}",
                $"{HeartbeatSettingsExtensions.StallTimeoutKey}={StallTimeout}",
            ]).WaitAsync(StartTimeout);
        _app = await builder.BuildAsync().WaitAsync(StartTimeout);
        await _app.StartAsync().WaitAsync(StartTimeout);
        foreach (var name in (string[])[ResourceNames.Redis, ResourceNames.Messaging, ResourceNames.Blobs, .. Services])
            await _app.ResourceNotifications.WaitForResourceHealthyAsync(name).WaitAsync(StartTimeout);
        _http = _app.CreateHttpClient("api", "http");
        _http.Timeout = StepTimeout;
        Api = ForgetCloudApiClient.Create(_http);
        var blobs = await _app.GetConnectionStringAsync(ResourceNames.Blobs).AsTask().WaitAsync(StepTimeout)
                    ?? throw new InvalidOperationException("blobs has no connection string");
        Blobs = BlobServiceClientFactory.Create(blobs, "blobs").GetBlobContainerClient(BlobStoreSettings.DefaultContainerName);
    }

    public async Task<string> ConnectionStringAsync(string resource) =>
        await App.GetConnectionStringAsync(resource).AsTask().WaitAsync(StepTimeout)
        ?? throw new InvalidOperationException($"{resource} has no connection string");

    /// <summary>Submits a study and returns its run id.</summary>
    public async Task<string> SubmitAsync(RunSubmission submission, CancellationToken token)
    {
        var response = await Api.SubmitRunAsync(submission, token).WaitAsync(StepTimeout, token);
        Assert.True(response.IsSuccessStatusCode, $"submit answered {(int)response.StatusCode}: {response.Error?.Message}");
        return response.Content!.RunId;
    }

    /// <summary>Polls the run until <paramref name="done"/> holds; fails with the run's state after <paramref name="timeout"/>.</summary>
    public async Task<RunDetails> WaitForAsync(string runId, Func<RunDetails, bool> done, TimeSpan timeout, CancellationToken token)
    {
        var clock = Stopwatch.StartNew();
        RunDetails? last = null;
        while (clock.Elapsed < timeout)
        {
            var response = await Api.GetRunAsync(runId, token).WaitAsync(StepTimeout, token);
            if (response.IsSuccessStatusCode)
            {
                last = response.Content!;
                if (done(last)) return last;
                if (last.Status is StudyStatus.Failed or StudyStatus.Cancelled)
                    Assert.Fail($"run {runId} ended {last.Status}: {last.StatusReason}");
            }
            await Task.Delay(250, token);
        }
        Assert.Fail($"run {runId} did not get there within {timeout}; last: {last?.Status} {Describe(last)}");
        return null!;
    }

    public Task<RunDetails> WaitForCompletionAsync(string runId, CancellationToken token) =>
        WaitForAsync(runId, r => r.Status == StudyStatus.Completed, RunTimeout, token);

    /// <summary>
    /// The process of a worker resource: the one carrying its work-directory variable (unique to this fixture's data
    /// directory). DCP's <c>executable.pid</c> is not always the service process itself, so the environment decides.
    /// </summary>
    public int ProcessIdOf(string resource)
    {
        var marker = $"{WorkerExtensions.WorkDirectoryVariable}={Path.Combine(_dataDirectory, "work", resource)}\0";
        var carriers = Processes().Where(p => p.Environment.Contains(marker, StringComparison.Ordinal)).Select(p => p.Pid).ToHashSet();
        // A launcher DCP starts carries the variable too: the service is the carrier that is no other carrier's parent.
        var parents = carriers.Select(ParentOf).ToHashSet();
        var found = carriers.Where(pid => !parents.Contains(pid)).ToArray();
        return found.Length == 1 ? found[0] : throw new InvalidOperationException($"expected one {resource} process, found {string.Join(", ", carriers)}");
    }

    /// <summary>How long until the worker runs as a process other than <paramref name="oldPid"/>; fails after <paramref name="timeout"/>.</summary>
    public async Task<TimeSpan> WaitForNewProcessAsync(string resource, int oldPid, TimeSpan timeout, CancellationToken token)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < timeout)
        {
            try
            {
                if (ProcessIdOf(resource) != oldPid) return clock.Elapsed;
            }
            catch (InvalidOperationException)
            {
                // none (or a launcher and its child in between): not up yet
            }
            await Task.Delay(TimeSpan.FromMilliseconds(250), token);
        }
        throw new TimeoutException($"{resource} did not come back as a new process within {timeout}");
    }

    /// <summary>Runs a resource command (resource-start, resource-restart, ...) and fails the test when it fails.</summary>
    public async Task CommandAsync(string resource, string command, CancellationToken token)
    {
        var commands = App.Services.GetRequiredService<ResourceCommandService>();
        var result = await commands.ExecuteCommandAsync(resource, command, token).WaitAsync(StartTimeout, token);
        Assert.True(result.Success, $"{command} on {resource}: {result.Message}");
    }

    private static string Describe(RunDetails? run) => run is null ? "" : string.Join("; ", run.Arms.SelectMany(a =>
        a.Stages.Select(s => $"{a.ArmId}/stage{s.Stage} {s.Status} step {s.Step}/{s.TotalSteps} {s.LastFailure}")));

    public async ValueTask DisposeAsync()
    {
        _http?.Dispose();
        if (_app is not null)
        {
            await _app.StopAsync().WaitAsync(StepTimeout);
            await _app.DisposeAsync().AsTask().WaitAsync(StepTimeout);
        }
        var deadline = DateTime.UtcNow + StepTimeout;
        var leftovers = LeftoverProcesses();
        while (leftovers.Count > 0 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(200);
            leftovers = LeftoverProcesses();
        }
        if (leftovers.Count > 0)
            throw new InvalidOperationException("Processes outlived the AppHost: " + string.Join("; ", leftovers));
        Directory.Delete(_dataDirectory, recursive: true);
    }

    /// <summary>Servers run in the data directory; workers carry it in their work-directory variable.</summary>
    private List<string> LeftoverProcesses()
    {
        return [.. Processes()
            .Where(p => p.WorkingDirectory.StartsWith(_dataDirectory, StringComparison.Ordinal) || p.Environment.Contains(_dataDirectory, StringComparison.Ordinal))
            .Select(p => $"{p.Pid} {p.CommandLine}")];
    }

    /// <summary>The parent pid from <c>/proc/&lt;pid&gt;/stat</c> (the field after the parenthesised command name).</summary>
    private static int ParentOf(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            return int.Parse(stat[(stat.LastIndexOf(')') + 2)..].Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture);
        }
        catch (IOException)
        {
            return 0;
        }
    }

    private static List<(int Pid, string WorkingDirectory, string Environment, string CommandLine)> Processes()
    {
        var found = new List<(int, string, string, string)>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var pid) || pid == System.Environment.ProcessId) continue;
            try
            {
                var cwd = new DirectoryInfo(Path.Combine(dir, "cwd")).ResolveLinkTarget(false)?.FullName ?? "";
                found.Add((pid, cwd, File.ReadAllText(Path.Combine(dir, "environ")), File.ReadAllText(Path.Combine(dir, "cmdline")).Replace('\0', ' ')));
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // the process ended meanwhile, or is another user's
            }
        }
        return found;
    }
}

[CollectionDefinition(Name)]
public sealed class DistributedStudyCollection : ICollectionFixture<DistributedStudyFixture>, ICollectionFixture<LocalStudyReference>
{
    public const string Name = "Distributed study";
}
