using System.Net;
using System.Net.ServerSentEvents;
using System.Text;
using System.Text.Json;
using Azure.Storage.Blobs;
using ForgetCloud.Api.Orchestration;
using ForgetCloud.AppHost.Tests.Infrastructure;
using ForgetCloud.Contracts.Api;
using ForgetCloud.Contracts.Blobs;
using ForgetCloud.Contracts.Configuration;
using ForgetCloud.Contracts.Messages;
using Microsoft.Extensions.DependencyInjection;
using Refit;
using W = ForgetCloud.Learning.Study;
using ForgetCloud.Contracts.Lifecycle;

namespace ForgetCloud.AppHost.Tests.Api;

/// <summary>The HTTP API through its Refit client, with the Api in-process against the real servers.</summary>
[Collection(LocalServersCollection.Name)]
public sealed class ApiHttpTests(LocalServersFixture fixture) : IAsyncLifetime
{
    private static readonly TimeSpan Timeout = ApiTestHost.Timeout;
    private static readonly JsonSerializerOptions Json = ForgetCloudApiJson.CreateOptions();
    private ApiTestHost? _host;

    private ApiTestHost Host => _host!;
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => _host = await ApiTestHost.StartAsync(fixture);

    public async ValueTask DisposeAsync()
    {
        if (_host is not null)
            await _host.DisposeAsync();
    }

    private static RunSubmission SmokeAsJson()
    {
        var config = StudyConfigLoader.LoadText(RepositoryFiles.SmokeConfigYaml, ConfigFormat.Yaml, new() { CheckPaths = false }).GetConfigOrThrow();
        return RunSubmission.FromJson(StudyConfigLoader.ToJson(config));
    }

    private async Task<RunDetails> SubmitAsync(RunSubmission submission)
    {
        var response = await Host.Client.SubmitRunAsync(submission, Token).WaitAsync(Timeout, Token);
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, $"{response.StatusCode}: {ErrorContent(response)}");
        return response.Content!;
    }

    private async Task<RunDetails> WaitForRunAsync(string runId, Func<RunDetails, bool> condition)
    {
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(Token);
        cts.CancelAfter(Timeout);
        RunDetails? last = null;
        while (!cts.IsCancellationRequested)
        {
            last = (await Host.Client.GetRunAsync(runId, Token)).Content;
            if (last is not null && condition(last))
                return last;
            await Task.Delay(50, Token);
        }
        throw new TimeoutException($"Run {runId} did not reach the expected state within {Timeout}; last: {JsonSerializer.Serialize(last, Json)}");
    }

    private static string? ErrorContent(IApiResponse response) => (response.Error as ApiException)?.Content;

    private static async Task<JsonElement> ProblemOf(IApiResponse response)
    {
        Assert.Equal("application/problem+json", response.ContentHeaders?.ContentType?.MediaType);
        using var document = JsonDocument.Parse(ErrorContent(response)!);
        return await Task.FromResult(document.RootElement.Clone());
    }

    [Fact]
    public async Task A_valid_smoke_config_is_accepted_stored_and_prepared()
    {
        var response = await Host.Client.SubmitRunAsync(SmokeAsJson(), Token).WaitAsync(Timeout, Token);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var run = response.Content!;
        Assert.Equal($"/api/runs/{run.RunId}", response.Headers?.Location?.OriginalString);
        var fetched = (await Host.Client.GetRunAsync(run.RunId, Token).WaitAsync(Timeout, Token)).Content!;
        Assert.Equal(StudyStatus.Preparing, fetched.Status);
        Assert.Equal(["adamw"], fetched.Arms.Select(a => a.ArmId));
        Assert.All(fetched.Arms.Single().Stages, s => Assert.Equal(StageStatus.Pending, s.Status));
        Assert.Equal(0, fetched.Progress.Fraction);
        Assert.Equal(BlobLayout.RunConfig(run.RunId), fetched.ConfigRef);

        var prepare = (await Host.Inbox.WaitForAsync<PrepareDatasets>(run.RunId, 1, Timeout)).Single();
        Assert.Equal(new PrepareDatasets(run.RunId, BlobLayout.RunConfig(run.RunId)), prepare);
        // The snapshot a worker reads is the submitted config.
        var blobs = Host.Api.Services.GetRequiredService<BlobContainerClient>();
        var snapshot = (await blobs.GetBlobClient(prepare.ConfigRef).DownloadContentAsync(Token)).Value.Content.ToString();
        var stored = StudyConfigLoader.LoadText(snapshot, ConfigFormat.Yaml, new() { CheckPaths = false }).GetConfigOrThrow();
        Assert.Equal("smoke", stored.Model.Name);
        Assert.Equal(32, stored.Training.Stage1.MaxExamples);

        var listed = await Host.Client.ListRunsAsync(500, Token).WaitAsync(Timeout, Token);
        Assert.Contains(listed, r => r.RunId == run.RunId && r.Status == StudyStatus.Preparing);
    }

    [Fact]
    public async Task An_invalid_submission_is_refused_naming_every_bad_field()
    {
        var yaml = RepositoryFiles.SmokeConfigYaml
            .Replace("learning_rate: 1.0e-3", "learning_rate: -1", StringComparison.Ordinal)   // both stages
            .Replace("batch_size: 16", "batch_size: 0", StringComparison.Ordinal);              // evaluation
        var submission = RunSubmission.FromYaml(yaml) with { Optimizer = "sgd", Seeds = 0 };

        var response = await Host.Client.SubmitRunAsync(submission, Token).WaitAsync(Timeout, Token);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await ProblemOf(response)).GetProperty("errors").EnumerateObject().Select(p => p.Name).ToHashSet();
        Assert.Superset(new HashSet<string> { "training.stage1.learning_rate", "training.stage2.learning_rate", "evaluation.batch_size", "optimizer", "seeds" }, errors);
    }

    [Fact]
    public async Task A_config_that_is_neither_object_nor_yaml_names_the_config_field()
    {
        var response = await Host.Client.SubmitRunAsync(new RunSubmission { Config = JsonSerializer.SerializeToElement(42) }, Token).WaitAsync(Timeout, Token);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await ProblemOf(response)).GetProperty("errors").TryGetProperty("config", out _));
    }

    [Fact]
    public async Task A_yaml_body_with_flags_in_the_query_is_accepted()
    {
        var response = await Host.Client.SubmitYamlRunAsync(RepositoryFiles.SmokeConfigYaml, compareOptimizers: true, cancellationToken: Token).WaitAsync(Timeout, Token);

        Assert.True(response.StatusCode == HttpStatusCode.Accepted, $"{response.StatusCode}: {ErrorContent(response)}");
        Assert.Equal([("adamw", "adamw"), ("muon", "muon")], response.Content!.Arms!.Select(a => (a.ArmId, a.Optimizer)));
        await Host.Inbox.WaitForAsync<PrepareDatasets>(response.Content.RunId, 1, Timeout);
    }

    [Fact]
    public async Task An_unknown_run_is_404_problem_details_everywhere()
    {
        const string id = "20990101-000000-deadbeef";

        var get = await Host.Client.GetRunAsync(id, Token).WaitAsync(Timeout, Token);
        var results = await Host.Client.GetResultsAsync(id, Token).WaitAsync(Timeout, Token);
        var cancel = await Host.Client.CancelRunAsync(id, new CancelRunRequest(null), Token).WaitAsync(Timeout, Token);
        using var events = await Host.Http.GetAsync(new Uri($"/api/runs/{id}/events", UriKind.Relative), Token).WaitAsync(Timeout, Token);
        using var artifact = await Host.Client.GetArtifactAsync(id, "report/plot.png", Token).WaitAsync(Timeout, Token);

        Assert.Equal(HttpStatusCode.NotFound, get.StatusCode);
        Assert.Equal("Run not found", (await ProblemOf(get)).GetProperty("title").GetString());
        Assert.Equal(HttpStatusCode.NotFound, results.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, cancel.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, events.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, artifact.StatusCode);
    }

    [Theory]
    [InlineData("..%2F..%2Fdatasets%2Fsecret")]
    [InlineData("report%2F..%2F..%2Fother%2Fx")]
    [InlineData("%2e%2e%2Fother%2Fx")]
    [InlineData("%252e%252e%252Fother")]
    [InlineData("%2Fetc%2Fpasswd")]
    [InlineData("report%5C..%5Cx")]
    public async Task An_artifact_path_escaping_the_run_is_400(string rawPath)
    {
        var run = await SubmitAsync(SmokeAsJson());

        // Raw, already-encoded paths: HttpClient would resolve a literal ".." before sending.
        using var response = await Host.Http.GetAsync(new Uri($"/api/runs/{run.RunId}/artifacts/{rawPath}", UriKind.Relative), Token).WaitAsync(Timeout, Token);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("Invalid artifact path", JsonDocument.Parse(await response.Content.ReadAsStringAsync(Token)).RootElement.GetProperty("title").GetString());
    }

    [Fact]
    public async Task An_artifact_inside_the_run_streams_from_blob_storage()
    {
        var run = await SubmitAsync(SmokeAsJson());
        var payload = Encoding.UTF8.GetBytes("\x89PNG fake plot bytes");
        var blobs = Host.Api.Services.GetRequiredService<BlobContainerClient>();
        await blobs.GetBlobClient(BlobLayout.Report(run.RunId) + "forgetting_analysis.png").UploadAsync(new BinaryData(payload), Token).WaitAsync(Timeout, Token);

        using var found = await Host.Client.GetArtifactAsync(run.RunId, "report/forgetting_analysis.png", Token).WaitAsync(Timeout, Token);
        using var missing = await Host.Client.GetArtifactAsync(run.RunId, "report/nothing.png", Token).WaitAsync(Timeout, Token);

        Assert.Equal(HttpStatusCode.OK, found.StatusCode);
        Assert.Equal("image/png", found.Content.Headers.ContentType?.MediaType);
        Assert.Equal(payload, await found.Content.ReadAsByteArrayAsync(Token));
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    [Fact]
    public async Task An_oversized_body_is_413()
    {
        var body = new string(' ', (int)ApiRoutes.DefaultMaxRequestBodyBytes) + "{}";
        using var content = new StringContent(body, Encoding.UTF8, "application/json");

        using var response = await Host.Http.PostAsync(new Uri("/api/runs", UriKind.Relative), content, Token).WaitAsync(Timeout, Token);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    [Fact]
    public async Task A_body_of_another_content_type_is_415()
    {
        using var content = new StringContent("model: {}", Encoding.UTF8, "text/plain");

        using var response = await Host.Http.PostAsync(new Uri("/api/runs", UriKind.Relative), content, Token).WaitAsync(Timeout, Token);

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
    }

    [Fact]
    public async Task Cancelling_stops_the_run_once_and_tells_the_workers()
    {
        var run = await SubmitAsync(SmokeAsJson());

        var cancel = await Host.Client.CancelRunAsync(run.RunId, new CancelRunRequest("enough"), Token).WaitAsync(Timeout, Token);
        var again = await Host.Client.CancelRunAsync(run.RunId, new CancelRunRequest(null), Token).WaitAsync(Timeout, Token);
        var results = await Host.Client.GetResultsAsync(run.RunId, Token).WaitAsync(Timeout, Token);

        Assert.Equal(HttpStatusCode.Accepted, cancel.StatusCode);
        Assert.Equal(StudyStatus.Cancelled, cancel.Content!.Status);
        Assert.Equal("enough", cancel.Content.StatusReason);
        Assert.Equal(new CancelRun(run.RunId, "enough"), (await Host.Inbox.WaitForAsync<CancelRun>(run.RunId, 1, Timeout)).Single());
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, results.StatusCode);
    }

    [Fact]
    public async Task Worker_events_drive_the_study_and_a_duplicate_changes_nothing()
    {
        var run = await SubmitAsync(SmokeAsJson());
        await Host.Inbox.WaitForAsync<PrepareDatasets>(run.RunId, 1, Timeout);

        await Host.WorkerBus.Publish(new DatasetsPrepared(run.RunId, ["datasets/abc/"]), Token).WaitAsync(Timeout, Token);
        var train = (await Host.Inbox.WaitForAsync<TrainStage>(run.RunId, 1, Timeout)).Single();
        var evaluate = (await Host.Inbox.WaitForAsync<EvaluateCheckpoint>(run.RunId, 1, Timeout)).Single();
        var running = await WaitForRunAsync(run.RunId, r => r.Status == StudyStatus.Running);

        var seed = StudyConfigLoader.LoadText(RepositoryFiles.SmokeConfigYaml, ConfigFormat.Yaml, new() { CheckPaths = false }).GetConfigOrThrow().Seed;
        var expected = new TrainStage(run.RunId, "adamw", "adamw", seed, 1, null, null, 1, BlobLayout.RunConfig(run.RunId), train.DatasetRefs);
        Assert.Equal(expected, train);
        Assert.Equal(["datasets/abc/"], train.DatasetRefs);
        Assert.Equal((0, (CheckpointLocation?)null, 1), (evaluate.Stage, evaluate.Checkpoint, evaluate.Attempt));

        // Until the consumer has marked its commands published, any later event flushes them again (at-least-once, by
        // design); wait for that, so that what follows shows the duplicate itself publishes nothing.
        var store = Host.Api.Services.GetRequiredService<ForgetCloud.Api.Runs.RedisRunStore>();
        var flushed = System.Diagnostics.Stopwatch.StartNew();
        while ((await store.PendingCommandsAsync(run.RunId)).Count > 0)
        {
            Assert.True(flushed.Elapsed < Timeout, "the DatasetsPrepared consumer never marked its commands published");
            await Task.Delay(50, Token);
        }

        // The same event again, as a broker redelivery would bring it: ignored, nothing saved, nothing published.
        var orchestrator = Host.Api.Services.GetRequiredService<RunOrchestrator>();
        var duplicate = await orchestrator.ApplyAsync(run.RunId, new W.DatasetsPrepared(["datasets/abc/"]), Host.WorkerBus, null, Token).WaitAsync(Timeout, Token);
        Assert.Equal(ApplyResult.Ignored, duplicate.Result);
        Assert.Equal(running.Version, (await Host.Client.GetRunAsync(run.RunId, Token)).Content!.Version);

        await Host.WorkerBus.Publish(new StageProgress(run.RunId, "adamw", 1, 5, 24, new Dictionary<string, double> { ["loss"] = 2.5 }), Token).WaitAsync(Timeout, Token);
        var progressed = await WaitForRunAsync(run.RunId, r => r.Arms[0].Stages[1].Step == 5);
        Assert.Equal(24, progressed.Arms[0].Stages[1].TotalSteps);
        Assert.Equal(2.5, progressed.Arms[0].Stages[1].TrainingMetrics["loss"]);
        Assert.Equal(StageStatus.Training, progressed.Arms[0].Stages[1].Status);
        Assert.Equal(StageStatus.Evaluating, progressed.Arms[0].Stages[0].Status);
        // 5 units per arm + 1: 5/24 of stage 1's training unit is done.
        Assert.Equal(5.0 / 24 / 6, progressed.Progress.Fraction, 12);
        Assert.Single(Host.Inbox.Of(run.RunId).OfType<TrainStage>());
    }

    [Fact]
    public async Task The_event_stream_starts_with_a_snapshot_and_follows_changes()
    {
        var run = await SubmitAsync(SmokeAsJson());
        await using var stream = await Host.Client.GetEventStreamAsync(run.RunId, cancellationToken: Token).WaitAsync(Timeout, Token);
        await using var events = SseParser.Create(stream, (_, data) => JsonSerializer.Deserialize<RunEvent>(data, Json)!)
            .EnumerateAsync(Token).GetAsyncEnumerator(Token);

        Assert.True(await events.MoveNextAsync().AsTask().WaitAsync(Timeout, Token));
        var snapshot = events.Current.Data;
        await Host.WorkerBus.Publish(new DatasetsPrepared(run.RunId, ["datasets/abc/"]), Token).WaitAsync(Timeout, Token);
        Assert.True(await events.MoveNextAsync().AsTask().WaitAsync(Timeout, Token));
        var change = events.Current;

        Assert.Equal(RunEvent.SnapshotEvent, snapshot.Event);
        Assert.Equal((StudyStatus.Preparing, 1L), (snapshot.Status, snapshot.Version));
        Assert.Equal(RunEvent.SseEventType, change.EventType);
        Assert.Equal((StudyStatus.Running, 2L, "DatasetsPrepared"), (change.Data.Status, change.Data.Version, change.Data.Event));
        Assert.Equal(["EvaluateCheckpoint", "TrainStage"], change.Data.Commands);
        Assert.Equal("2", change.EventId); // the run version: what a reconnecting client sends back as Last-Event-ID
    }

    [Fact]
    public async Task A_client_reconnecting_with_its_last_event_id_is_told_what_is_new()
    {
        var run = await SubmitAsync(SmokeAsJson());

        // Already seen version 1 (the current state): "resumed", nothing new; then the next change as usual.
        await using (var stream = await Host.Client.GetEventStreamAsync(run.RunId, "1", Token).WaitAsync(Timeout, Token))
        {
            await using var events = SseParser.Create(stream, (_, data) => JsonSerializer.Deserialize<RunEvent>(data, Json)!)
                .EnumerateAsync(Token).GetAsyncEnumerator(Token);
            Assert.True(await events.MoveNextAsync().AsTask().WaitAsync(Timeout, Token));
            Assert.Equal((RunEvent.SseResumedType, "1", RunEvent.SnapshotEvent), (events.Current.EventType, events.Current.EventId, events.Current.Data.Event));
            await Host.WorkerBus.Publish(new DatasetsPrepared(run.RunId, ["datasets/abc/"]), Token).WaitAsync(Timeout, Token);
            Assert.True(await events.MoveNextAsync().AsTask().WaitAsync(Timeout, Token));
            Assert.Equal((RunEvent.SseEventType, "2", "DatasetsPrepared"), (events.Current.EventType, events.Current.EventId, events.Current.Data.Event));
        }

        // Seen version 1 but the run is at 2 now: a snapshot of version 2 brings the client up to date.
        await using (var stream = await Host.Client.GetEventStreamAsync(run.RunId, "1", Token).WaitAsync(Timeout, Token))
        {
            await using var events = SseParser.Create(stream, (_, data) => JsonSerializer.Deserialize<RunEvent>(data, Json)!)
                .EnumerateAsync(Token).GetAsyncEnumerator(Token);
            Assert.True(await events.MoveNextAsync().AsTask().WaitAsync(Timeout, Token));
            Assert.Equal((RunEvent.SseEventType, RunEvent.SnapshotEvent, 2L, "2"),
                (events.Current.EventType, events.Current.Data.Event, events.Current.Data.Version, events.Current.EventId));
        }
    }

    [Fact]
    public async Task A_last_event_id_that_is_not_a_version_is_400()
    {
        var run = await SubmitAsync(SmokeAsJson());
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri($"/api/runs/{run.RunId}/events", UriKind.Relative));
        request.Headers.Add(RunEvent.LastEventIdHeader, "yesterday");

        using var response = await Host.Http.SendAsync(request, Token).WaitAsync(Timeout, Token);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("'yesterday'", await response.Content.ReadAsStringAsync(Token), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_openapi_document_describes_the_runs_endpoints()
    {
        var document = await Host.Http.GetStringAsync(new Uri("/openapi/v1.json", UriKind.Relative), Token).WaitAsync(Timeout, Token);

        var paths = JsonDocument.Parse(document).RootElement.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();
        Assert.Contains("/api/runs", paths);
        Assert.Contains("/api/runs/{id}", paths);
        Assert.Contains("/api/runs/{id}/cancel", paths);
        Assert.Contains(paths, p => p.StartsWith("/api/runs/{id}/artifacts/", StringComparison.Ordinal));
    }
}
