using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Azure.Storage.Blobs;
using ForgetCloud.AppHost.Tests.Api;
using ForgetCloud.AppHost.Tests.Infrastructure;
using ForgetCloud.Contracts.Api;
using ForgetCloud.Contracts.Blobs;
using Microsoft.Extensions.DependencyInjection;
using ForgetCloud.Contracts.Lifecycle;

namespace ForgetCloud.AppHost.Tests.Cli;

/// <summary>
/// <c>forgetcloud run</c> and <c>forgetcloud runs ...</c> in-process against the real Api over the fixture's Redis,
/// RabbitMQ and Azurite; a <see cref="WorkerPlayer"/> stands in for the workers where a run must progress.
/// </summary>
[Collection(LocalServersCollection.Name)]
public sealed partial class RunCommandTests(LocalServersFixture fixture) : IAsyncLifetime
{
    private static readonly TimeSpan Timeout = ApiTestHost.Timeout;
    private static readonly JsonSerializerOptions Json = ForgetCloudApiJson.CreateOptions();
    private readonly string _work = Directory.CreateTempSubdirectory("forgetcloud-cli-run-tests-").FullName;
    private ApiTestHost? _host;

    private ApiTestHost Host => _host!;
    private string ApiUrl => Host.Http.BaseAddress!.ToString();
    private static CancellationToken Token => TestContext.Current.CancellationToken;
    private string SmokeConfig => Path.Combine(RepositoryFiles.Root, "configs", "smoke.yaml");

    public async ValueTask InitializeAsync() => _host = await ApiTestHost.StartAsync(fixture);

    public async ValueTask DisposeAsync()
    {
        if (_host is not null)
            await _host.DisposeAsync();
        Directory.Delete(_work, recursive: true);
    }

    private Task<CliResult> Cli(params string[] args) => CliRunner.RunAsync(Timeout, Token, args);

    private static string SubmittedRunId(CliResult result)
    {
        Assert.True(result.ExitCode == 0, result.ToString());
        return SubmittedLine().Match(result.Output) is { Success: true } m ? m.Groups[1].Value : throw new Xunit.Sdk.XunitException($"no run id in: {result}");
    }

    [Fact]
    public async Task Run_with_detach_submits_and_runs_list_and_show_report_the_run()
    {
        var submitted = await Cli("run", "--config", SmokeConfig, "--api", ApiUrl, "--detach");
        var runId = SubmittedRunId(submitted);

        var list = await Cli("runs", "list", "--api", ApiUrl);
        var listJson = await Cli("runs", "list", "--api", ApiUrl, "--json");
        var show = await Cli("runs", "show", runId, "--api", ApiUrl);
        var showJson = await Cli("runs", "show", runId, "--api", ApiUrl, "--json");

        Assert.Contains("submitted run " + runId + " (arms: adamw)", submitted.Output);
        Assert.Equal(0, list.ExitCode);
        Assert.Equal(["RUN", "STATUS", "PROGRESS", "CREATED", "(UTC)", "ARMS", "REASON"], list.OutputLines[0].Split(' ', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains(list.OutputLines, line => line.StartsWith(runId + " ", StringComparison.Ordinal) && line.Contains("Preparing") && line.Contains("adamw"));
        var listed = JsonSerializer.Deserialize<RunSummary[]>(listJson.Output, Json)!;
        Assert.Equal(StudyStatus.Preparing, listed.Single(r => r.RunId == runId).Status);

        Assert.True(show.ExitCode == 0, show.ToString());
        var stored = (await Host.Client.GetRunAsync(runId, Token)).Content!;
        Assert.Equal($"run {runId}: Preparing, 0.0% done (evaluations 0/3, trainings 0/2)", show.OutputLines[0]);
        Assert.Contains($"arm adamw (adamw, seed {stored.Arms[0].Seed})", show.OutputLines);
        Assert.Contains(show.OutputLines, l => Regex.IsMatch(l, @"^stage 1 \(GSM8K\):\s+pending$"));
        Assert.Contains(show.OutputLines, l => Regex.IsMatch(l, @"^stage 2 \(AQUA-RAT\):\s+pending$"));
        Assert.Equal(JsonSerializer.Serialize(stored, Json), JsonSerializer.Serialize(JsonSerializer.Deserialize<RunDetails>(showJson.Output, Json), Json));
    }

    [Fact]
    public async Task Runs_show_reports_progress_and_metrics_so_far()
    {
        var runId = SubmittedRunId(await Cli("run", "--config", SmokeConfig, "--api", ApiUrl, "--detach"));
        await Host.Inbox.WaitForAsync<Contracts.Messages.PrepareDatasets>(runId, 1, Timeout);
        await Host.WorkerBus.Publish(new Contracts.Messages.DatasetsPrepared(runId, ["datasets/x/"]), Token);
        await Host.Inbox.WaitForAsync<Contracts.Messages.TrainStage>(runId, 1, Timeout);
        await Host.WorkerBus.Publish(new Contracts.Messages.StageProgress(runId, "adamw", 1, 3, 12, new Dictionary<string, double> { ["loss"] = 2.125 }), Token);
        await WaitAsync(async () => (await Host.Client.GetRunAsync(runId, Token)).Content!.Arms[0].Stages[1].Step == 3);

        var show = await Cli("runs", "show", runId, "--api", ApiUrl);

        Assert.True(show.ExitCode == 0, show.ToString());
        // One of 6 units (5 per arm + analysis) is 3/12 done.
        Assert.Equal($"run {runId}: Running, {3.0 / 12 / 6 * 100:0.0}% done (evaluations 0/3, trainings 0/2)", show.OutputLines[0]);
        Assert.Contains(show.OutputLines, l => Regex.IsMatch(l, @"^stage 0 \(base\):\s+evaluating$"));
        Assert.Contains(show.OutputLines, l => Regex.IsMatch(l, @"^stage 1 \(GSM8K\):\s+training  step 3/12  train loss=2\.125$"));
    }

    [Fact]
    public async Task Runs_cancel_cancels_and_a_second_cancel_is_one_error_line()
    {
        var runId = SubmittedRunId(await Cli("run", "--config", SmokeConfig, "--api", ApiUrl, "--detach"));

        var cancel = await Cli("runs", "cancel", runId, "--api", ApiUrl, "--reason", "test stop");
        var again = await Cli("runs", "cancel", runId, "--api", ApiUrl);

        Assert.True(cancel.ExitCode == 0, cancel.ToString());
        Assert.Equal($"run {runId}: Cancelled (test stop)", cancel.OutputLines.Single());
        Assert.Equal(StudyStatus.Cancelled, (await Host.Client.GetRunAsync(runId, Token)).Content!.Status);
        Assert.Equal(1, again.ExitCode);
        var line = Assert.Single(again.ErrorLines);
        Assert.StartsWith("error: the Api answered 409 Conflict: Run " + runId, line);
    }

    [Fact]
    public async Task A_config_the_Api_rejects_prints_every_bad_field_on_its_own_line()
    {
        var config = Path.Combine(_work, "bad.yaml");
        var yaml = (await File.ReadAllTextAsync(SmokeConfig, Token))
            .Replace("seed: 1234", "seed: -5\nseedz: 3")
            .Replace("type: adamw", "type: adamx");
        await File.WriteAllTextAsync(config, yaml, Token);

        var result = await Cli("run", "--config", config, "--api", ApiUrl, "--detach");
        // The same body straight through the Refit client: what the Api itself names as bad.
        var direct = await Host.Client.SubmitRunAsync(RunSubmission.FromYaml(yaml), Token);
        using var problem = JsonDocument.Parse(((Refit.ApiException)direct.Error!).Content!);
        var expected = problem.RootElement.GetProperty("errors").EnumerateObject()
            .SelectMany(f => f.Value.EnumerateArray().Select(m => $"error: {f.Name}: {m.GetString()}")).ToArray();

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("", result.Output);
        Assert.True(expected.Length >= 3, string.Join("\n", expected));
        Assert.Equal(expected, result.ErrorLines);
        Assert.Contains(result.ErrorLines, l => l.StartsWith("error: seed: ", StringComparison.Ordinal));
        Assert.Contains(result.ErrorLines, l => l.StartsWith("error: seedz: ", StringComparison.Ordinal));
        Assert.Contains(result.ErrorLines, l => l.StartsWith("error: optimizer.type: ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Runs_export_writes_the_study_layout_with_the_uploaded_bytes()
    {
        var runId = SubmittedRunId(await Cli("run", "--config", SmokeConfig, "--api", ApiUrl, "--detach"));
        var blobs = Host.Api.Services.GetRequiredService<BlobContainerClient>();
        var uploads = new Dictionary<string, string>
        {
            ["report/final_results.json"] = "logs/final_results.json",
            ["report/evaluation_history.json"] = "logs/evaluation_history.json",
            ["report/training_curves.png"] = "logs/training_curves.png",
            ["report/training.log"] = "logs/training.log",
            ["tensorboard/adamw/stage1/events.out.tfevents.7.host"] = "tensorboard_logs/adamw/stage1/events.out.tfevents.7.host",
            ["adamw/eval/stage0.json"] = "logs/evaluations/adamw/stage0.json",
            ["adamw/eval/aqua_rat_stage0.jsonl"] = "logs/evaluations/adamw/aqua_rat_stage0.jsonl",
            ["adamw/checkpoints/stage1/step_8/adapter_model.safetensors"] = "checkpoints/stage1_checkpoint_epoch_2_step_8/adapter_model.safetensors",
            ["adamw/checkpoints/stage1/step_8/trainer_state.json"] = "checkpoints/stage1_checkpoint_epoch_2_step_8/trainer_state.json",
            ["adamw/checkpoints/stage1/step_8/manifest.json"] = "checkpoints/stage1_checkpoint_epoch_2_step_8/manifest.json",
        };
        var contents = uploads.Keys.ToDictionary(k => k, k => k.EndsWith("trainer_state.json", StringComparison.Ordinal)
            ? Encoding.UTF8.GetBytes("""{"stage": 1, "step": 8, "epoch": 2}""")
            : RandomBytes(k.Length * 37));
        foreach (var (path, bytes) in contents)
            await blobs.GetBlobClient(BlobLayout.Run(runId) + path).UploadAsync(BinaryData.FromBytes(bytes), overwrite: true, Token);
        // A checkpoint still being saved (no manifest.json yet) is left out.
        await blobs.GetBlobClient(BlobLayout.Checkpoint(runId, "adamw", 2, 4) + "trainer_state.json").UploadAsync(BinaryData.FromString("{}"), overwrite: true, Token);
        var output = Path.Combine(_work, "export");

        var result = await Cli("runs", "export", runId, "--output-dir", output, "--api", ApiUrl);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains($"skipping checkpoint adamw/checkpoints/stage2/step_4/: it has no manifest.json yet (still being saved)", result.Output);
        var expectedFiles = uploads.Values.Append("logs/config.yaml").Order(StringComparer.Ordinal).ToArray();
        var written = Directory.EnumerateFiles(output, "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(output, f).Replace('\\', '/')).Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(expectedFiles, written);
        foreach (var (path, local) in uploads)
            Assert.Equal(contents[path], await File.ReadAllBytesAsync(Path.Combine(output, local), Token));
        var snapshot = (await blobs.GetBlobClient(BlobLayout.RunConfig(runId)).DownloadContentAsync(Token)).Value.Content.ToArray();
        Assert.Equal(snapshot, await File.ReadAllBytesAsync(Path.Combine(output, "logs", "config.yaml"), Token));

        // Without checkpoints: the checkpoint folder is not created.
        var lean = Path.Combine(_work, "lean");
        Assert.Equal(0, (await Cli("runs", "export", runId, "--output-dir", lean, "--api", ApiUrl, "--skip-checkpoints")).ExitCode);
        Assert.False(Directory.Exists(Path.Combine(lean, "checkpoints")));
        Assert.True(File.Exists(Path.Combine(lean, "logs", "final_results.json")));
    }

    [Fact]
    public async Task Run_follows_the_events_to_completion_and_downloads_the_artifacts()
    {
        var before = (await Host.Client.ListRunsAsync(500, Token)).Select(r => r.RunId).ToHashSet();
        var output = Path.Combine(_work, "followed");
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(Token);

        var run = CliRunner.RunAsync(Timeout * 2, Token, "run", "--config", SmokeConfig, "--api", ApiUrl, "--output-dir", output);
        var runId = await WaitForNewRunAsync(before);
        var player = new WorkerPlayer(Host.Inbox, Host.WorkerBus, Host.Api.Services.GetRequiredService<BlobContainerClient>(), runId);
        var playing = player.PlayAsync(stop.Token);
        var result = await run;
        await stop.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => playing);

        Assert.True(result.ExitCode == 0, result.ToString());
        // The player may answer PrepareDatasets before the CLI subscribes: the snapshot is whatever the run was then.
        Assert.Matches(@"^\S+Z\s+\d+\.\d% (Preparing|Running)\s+snapshot: ", result.OutputLines[1]);
        Assert.Contains(result.OutputLines, l => Regex.IsMatch(l, @"^\S+Z 100\.0% Completed\s+AnalysisCompleted: "));
        Assert.Equal(StudyStatus.Completed, (await Host.Client.GetRunAsync(runId, Token)).Content!.Status);
        foreach (var (path, bytes) in player.Uploaded)
        {
            var local = path switch
            {
                _ when path.StartsWith("report/", StringComparison.Ordinal) => Path.Combine(output, "logs", path["report/".Length..]),
                _ when path.StartsWith("tensorboard/", StringComparison.Ordinal) => Path.Combine(output, "tensorboard_logs", path["tensorboard/".Length..]),
                _ when path.StartsWith("adamw/eval/", StringComparison.Ordinal) => Path.Combine(output, "logs", "evaluations", "adamw", path["adamw/eval/".Length..]),
                _ => Path.Combine(output, "checkpoints", $"stage{path["adamw/checkpoints/stage".Length]}_checkpoint_epoch_1_step_{WorkerPlayer.StepsPerStage}", Path.GetFileName(path)),
            };
            Assert.True(File.Exists(local), $"{path} -> {local} missing; {result}");
            Assert.Equal(bytes, await File.ReadAllBytesAsync(local, Token));
        }
        Assert.Contains(player.Uploaded.Keys, k => k == "report/final_results.json");
        Assert.Contains(player.Uploaded.Keys, k => k.StartsWith("adamw/checkpoints/stage2/", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_run_whose_analysis_faults_fails_with_the_reason_and_run_says_so()
    {
        await using var analysis = await FaultingAnalysis.StartAsync(fixture);
        var before = (await Host.Client.ListRunsAsync(500, Token)).Select(r => r.RunId).ToHashSet();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(Token);

        var run = CliRunner.RunAsync(Timeout * 2, Token, "run", "--config", SmokeConfig, "--api", ApiUrl, "--output-dir", Path.Combine(_work, "faulted"));
        var runId = await WaitForNewRunAsync(before);
        var playing = new WorkerPlayer(Host.Inbox, Host.WorkerBus, Host.Api.Services.GetRequiredService<BlobContainerClient>(), runId, answerAnalysis: false)
            .PlayAsync(stop.Token);
        var result = await run;
        await stop.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => playing);

        const string reason = $"analysis failed: InvalidOperationException: {FaultingAnalysis.Message}";
        var stored = (await Host.Client.GetRunAsync(runId, Token)).Content!;
        Assert.Equal((StudyStatus.Failed, reason), (stored.Status, stored.StatusReason));
        Assert.All(stored.Arms[0].Stages, s => Assert.Equal(StageStatus.Evaluated, s.Status));
        Assert.Equal(1, result.ExitCode);
        Assert.Equal($"error: run {runId} failed: {reason}", Assert.Single(result.ErrorLines));
    }

    [Fact]
    public async Task A_run_that_fails_is_one_error_line_after_following()
    {
        var before = (await Host.Client.ListRunsAsync(500, Token)).Select(r => r.RunId).ToHashSet();
        var output = Path.Combine(_work, "failed");

        var run = CliRunner.RunAsync(Timeout, Token, "run", "--config", SmokeConfig, "--api", ApiUrl, "--output-dir", output);
        var runId = await WaitForNewRunAsync(before);
        await Host.Inbox.WaitForAsync<Contracts.Messages.PrepareDatasets>(runId, 1, Timeout);
        await Host.Client.CancelRunAsync(runId, new CancelRunRequest("stopped by the test"), Token);
        var result = await run;

        Assert.Equal(1, result.ExitCode);
        Assert.Equal($"error: run {runId} was cancelled: stopped by the test", Assert.Single(result.ErrorLines));
        Assert.False(Directory.Exists(output));
    }

    [Fact]
    public async Task Runs_show_of_an_unknown_run_is_one_error_line()
    {
        var result = await Cli("runs", "show", "no-such-run", "--api", ApiUrl);

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("error: the Api answered 404 Not Found: There is no run 'no-such-run'.", Assert.Single(result.ErrorLines));
    }

    private async Task<string> WaitForNewRunAsync(HashSet<string> before)
    {
        string? found = null;
        await WaitAsync(async () =>
        {
            found = (await Host.Client.ListRunsAsync(500, Token)).Select(r => r.RunId).FirstOrDefault(id => !before.Contains(id));
            return found is not null;
        });
        return found!;
    }

    private static async Task WaitAsync(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow + Timeout;
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"condition not met within {Timeout}");
            await Task.Delay(50, Token);
        }
    }

    private static byte[] RandomBytes(int length)
    {
        var bytes = new byte[length];
        new Random(length).NextBytes(bytes);
        return bytes;
    }

    [GeneratedRegex(@"^submitted run (\S+) ", RegexOptions.Multiline)]
    private static partial Regex SubmittedLine();
}
