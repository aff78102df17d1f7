using System.Globalization;
using System.Net.ServerSentEvents;
using Azure;
using Azure.Storage.Blobs;
using ForgetCloud.Api.Orchestration;
using ForgetCloud.Api.Runs;
using ForgetCloud.Api.Security;
using ForgetCloud.Api.Submissions;
using ForgetCloud.Contracts.Api;
using ForgetCloud.Contracts.Blobs;
using ForgetCloud.Contracts.Configuration;
using ForgetCloud.Learning.Study;
using MassTransit;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.StaticFiles;
using Microsoft.Extensions.Options;
using ForgetCloud.Contracts.Lifecycle;

namespace ForgetCloud.Api.Endpoints;

/// <summary>The <c>/api/runs</c> endpoints.</summary>
public static class RunEndpoints
{
    private const int DefaultListLimit = 50;
    private const int MaxListLimit = 500;
    private static readonly FileExtensionContentTypeProvider ContentTypes = new();

    public static IEndpointRouteBuilder MapRunEndpoints(this IEndpointRouteBuilder app, ApiSettings settings)
    {
        // Every route of the group: a caller once authentication is configured, and no unknown query parameter.
        var runs = app.MapGroup(ApiRoutes.Runs).WithTags("Runs")
            .RequireForgetCloudCaller(settings)
            .RequireJsonOrYamlToChangeState()
            .RefuseUnknownQueryParameters()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden);
        runs.MapPost("", SubmitAsync)
            .WithName("SubmitRun")
            .WithSummary("Submit a study run")
            .WithDescription("Takes a JSON RunSubmission (the config as an object or a YAML string, and the flags), or the YAML " +
                "config itself as the body with the flags as query parameters (a JSON submission takes none). Answers 202 " +
                "with the run's details and its Location; 400 lists every problem of the config or flags at once, keyed by " +
                "config path or field; 413 past the body size limit; 429 past the caller's submission budget (Retry-After).")
            .Accepts<RunSubmission>("application/json", [.. ApiRoutes.YamlContentTypes])
            .WithMetadata(new RequestSizeLimitAttribute(settings.MaxRequestBodyBytes))
            .WithQueryParameters(RunSubmissionReader.QueryFlags)
            .RequireRateLimiting(SubmissionRateLimiting.PolicyName)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);
        runs.MapGet("", ListAsync).WithName("ListRuns").WithQueryParameters("limit")
            .WithSummary("List runs")
            .WithDescription($"The newest runs first, at most limit of them (an integer 1..{MaxListLimit}, default {DefaultListLimit}).");
        runs.MapGet("{id}", GetAsync).WithName("GetRun")
            .WithSummary("Get a run")
            .WithDescription("The run's status, and per arm and stage its status, step, total steps, attempts, checkpoints and metrics.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        runs.MapGet("{id}/events", Events).WithName("RunEvents")
            .WithSummary("Follow a run's changes")
            .WithDescription("Server-sent events (event: run, data: RunEvent, id: the run version): a snapshot first, then every " +
                "change, until the run ends. A client that reconnects sends Last-Event-ID; one that is not a version is 400.")
            .Produces<RunEvent>(contentType: "text/event-stream")
            .ProducesProblem(StatusCodes.Status404NotFound);
        runs.MapGet("{id}/results", ResultsAsync).WithName("GetResults")
            .WithSummary("Get a completed run's results")
            .WithDescription("The study's final_results.json (report/final_results.json of the run); 409 until the run is Completed.")
            .Produces(StatusCodes.Status200OK, contentType: "application/json")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        runs.MapGet("{id}/artifacts", ListArtifactsAsync).WithName("ListArtifacts")
            .WithSummary("List a run's artifacts")
            .WithDescription("Every file stored for the run, ordered by path (relative to the run's folder), with its size in bytes.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        runs.MapGet("{id}/artifacts/{**path}", ArtifactAsync).WithName("GetArtifact")
            .WithSummary("Download an artifact")
            .WithDescription("Streams one file of the run; its content type follows the file's extension. A path that leaves the " +
                "run's folder is 400; a missing run or file is 404.")
            .Produces(StatusCodes.Status200OK, contentType: "application/octet-stream")
            .ProducesProblem(StatusCodes.Status404NotFound);
        runs.MapPost("{id}/cancel", CancelAsync).WithName("CancelRun")
            .WithSummary("Cancel a run")
            .WithDescription("An application/json body {\"reason\": \"...\"} or an empty one; answers 202 with the run's details. " +
                "409 when the run has already ended; 415 without a JSON content type.")
            .Accepts<CancelRunRequest>(isOptional: true, "application/json")
            .WithMetadata(new RequestSizeLimitAttribute(settings.MaxRequestBodyBytes))
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType);
        return app;
    }

    private static async Task<Results<Accepted<RunDetails>, ValidationProblem, ProblemHttpResult>> SubmitAsync(
        HttpRequest request,
        RunSubmissionValidator validator,
        RunOrchestrator orchestrator,
        BlobContainerClient blobs,
        IPublishEndpoint publish,
        IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json,
        TimeProvider time,
        CancellationToken cancellationToken)
    {
        var (submission, problem) = await RunSubmissionReader.ReadAsync(request, json.Value.SerializerOptions, cancellationToken);
        if (problem is not null)
            return problem as ValidationProblem is { } invalid ? invalid : (ProblemHttpResult)problem;
        var runId = RunIds.New(time.GetUtcNow());
        var validation = validator.Validate(submission!, runId);
        if (!validation.IsValid)
            return TypedResults.ValidationProblem(validation.Errors, title: "The run's config or flags are invalid");

        var plan = validation.Plan!;
        // The snapshot goes first: a worker that receives PrepareDatasets reads it.
        await blobs.GetBlobClient(plan.Options.ConfigRef)
            .UploadAsync(BinaryData.FromString(StudyConfigLoader.ToYaml(plan.Config)), overwrite: false, cancellationToken);
        var record = await orchestrator.StartAsync(runId, plan.Options, publish, cancellationToken);
        return TypedResults.Accepted(ApiRoutes.Run(runId), RunDetailsMapper.ToDetails(record, new Dictionary<string, IReadOnlyDictionary<string, double>>()));
    }

    // limit is bound as text and parsed here: a framework binding failure ("abc", "1.5", "") is no problem details.
    private static async Task<Results<Ok<RunSummary[]>, ValidationProblem>> ListAsync(RedisRunStore store, string? limit)
    {
        var take = DefaultListLimit;
        if (limit is not null && !int.TryParse(limit, NumberStyles.None, CultureInfo.InvariantCulture, out take))
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["limit"] = [$"must be an integer between 1 and {MaxListLimit} (got '{limit}')"] });
        if (take is < 1 or > MaxListLimit)
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["limit"] = [$"must be between 1 and {MaxListLimit} (got {take})"] });
        var records = await store.ListAsync(take);
        return TypedResults.Ok(records.Select(RunDetailsMapper.ToSummary).ToArray());
    }

    private static async Task<Results<Ok<RunDetails>, ProblemHttpResult>> GetAsync(string id, RedisRunStore store, StallMonitor stalls)
    {
        var record = await store.GetAsync(id);
        if (record is null)
            return RunNotFound(id);
        return TypedResults.Ok(await stalls.WithLivenessAsync(RunDetailsMapper.ToDetails(record, await store.GetMetricsAsync(id))));
    }

    private static async Task<Results<ServerSentEventsResult<RunEvent>, ProblemHttpResult>> Events(
        string id, [FromHeader(Name = RunEvent.LastEventIdHeader)] string? lastEventId,
        RedisRunStore store, RunEventFeed feed, TimeProvider time, CancellationToken cancellationToken)
    {
        long? seen = null;
        if (lastEventId is not null)
        {
            if (!long.TryParse(lastEventId, NumberStyles.None, CultureInfo.InvariantCulture, out var version))
                return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Invalid Last-Event-ID",
                    detail: $"{RunEvent.LastEventIdHeader} must be a run version (the id of an event of this stream, a non-negative integer), not '{lastEventId}'.");
            seen = version;
        }
        if (await store.GetAsync(id) is null)
            return RunNotFound(id);
        async Task<RunEvent?> Snapshot() => await store.GetAsync(id) is { } record ? RunDetailsMapper.ToSnapshot(record, time.GetUtcNow()) : null;
        return TypedResults.ServerSentEvents(AsSseItems(feed.StreamAsync(id, Snapshot, cancellationToken), seen));
    }

    /// <summary>
    /// Each event's SSE id is its run version, which a reconnecting client sends back as Last-Event-ID. A snapshot the
    /// client has already seen goes out as a <see cref="RunEvent.SseResumedType"/> event: it says "nothing new" and, as
    /// the first bytes of the response, lets the client's request complete before the next change.
    /// </summary>
    private static async IAsyncEnumerable<SseItem<RunEvent>> AsSseItems(IAsyncEnumerable<RunEvent> events, long? seen)
    {
        await foreach (var e in events.ConfigureAwait(false))
        {
            var type = e.Event == RunEvent.SnapshotEvent && e.Version <= seen ? RunEvent.SseResumedType : RunEvent.SseEventType;
            yield return new SseItem<RunEvent>(e, type) { EventId = e.Version.ToString(CultureInfo.InvariantCulture) };
        }
    }

    private static async Task<Results<FileStreamHttpResult, ProblemHttpResult>> ResultsAsync(
        string id, RedisRunStore store, BlobContainerClient blobs, CancellationToken cancellationToken)
    {
        var record = await store.GetAsync(id);
        if (record is null)
            return RunNotFound(id);
        if (record.State is not { Status: StudyStatus.Completed, ReportRef: { } reportRef })
        {
            var why = record.State.StatusReason is { } reason ? $" ({reason})" : "";
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Results are not available",
                detail: $"Run {id} is {record.State.Status}{why}; its results exist once it is Completed.");
        }
        return await StreamBlobAsync(blobs, reportRef, $"Run {id} is Completed but its results blob '{reportRef}' is missing.", cancellationToken);
    }

    private static async Task<Results<Ok<RunArtifact[]>, ProblemHttpResult>> ListArtifactsAsync(
        string id, RedisRunStore store, BlobContainerClient blobs, CancellationToken cancellationToken)
    {
        if (await store.GetAsync(id) is null)
            return RunNotFound(id);
        var prefix = BlobLayout.Run(id);
        var artifacts = new List<RunArtifact>();
        await foreach (var blob in blobs.GetBlobsAsync(Azure.Storage.Blobs.Models.BlobTraits.None, Azure.Storage.Blobs.Models.BlobStates.None, prefix, cancellationToken))
            artifacts.Add(new RunArtifact(blob.Name[prefix.Length..], blob.Properties.ContentLength ?? 0));
        // Blob listings are ordered by name already; sorting states the contract instead of relying on the store.
        artifacts.Sort((a, b) => string.CompareOrdinal(a.Path, b.Path));
        return TypedResults.Ok(artifacts.ToArray());
    }

    private static async Task<Results<FileStreamHttpResult, ProblemHttpResult>> ArtifactAsync(
        string id, string path, RedisRunStore store, BlobContainerClient blobs, CancellationToken cancellationToken)
    {
        if (await store.GetAsync(id) is null)
            return RunNotFound(id);
        if (!BlobLayout.TryResolveArtifact(id, path, out var blobName, out var error))
            return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Invalid artifact path", detail: error);
        return await StreamBlobAsync(blobs, blobName, $"Run {id} has no artifact '{path}'.", cancellationToken);
    }

    private static async Task<Results<Accepted<RunDetails>, ValidationProblem, ProblemHttpResult>> CancelAsync(
        string id,
        HttpRequest http,
        RunOrchestrator orchestrator,
        RedisRunStore store,
        IPublishEndpoint publish,
        IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json,
        CancellationToken cancellationToken)
    {
        var (request, problem) = await CancelRequestReader.ReadAsync(http, json.Value.SerializerOptions, cancellationToken);
        if (problem is not null)
            return problem as ValidationProblem is { } invalid ? invalid : (ProblemHttpResult)problem;
        var reason = string.IsNullOrWhiteSpace(request?.Reason) ? "cancelled through the API" : request.Reason;
        var outcome = await orchestrator.ApplyAsync(id, new CancelRequested(reason), publish, metrics: null, cancellationToken);
        return outcome.Result switch
        {
            ApplyResult.RunNotFound => RunNotFound(id),
            ApplyResult.Ignored => TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "The run cannot be cancelled",
                detail: $"Run {id}: {outcome.IgnoredReason}."),
            _ => TypedResults.Accepted(ApiRoutes.Run(id),
                RunDetailsMapper.ToDetails((await store.GetAsync(id))!, await store.GetMetricsAsync(id))),
        };
    }

    private static async Task<Results<FileStreamHttpResult, ProblemHttpResult>> StreamBlobAsync(
        BlobContainerClient blobs, string blobName, string notFound, CancellationToken cancellationToken)
    {
        try
        {
            var download = await blobs.GetBlobClient(blobName).DownloadStreamingAsync(cancellationToken: cancellationToken);
            var contentType = ContentTypes.TryGetContentType(blobName, out var known) ? known : "application/octet-stream";
            return TypedResults.Stream(download.Value.Content, contentType, fileDownloadName: null);
        }
        catch (RequestFailedException e) when (e.Status == StatusCodes.Status404NotFound)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found", detail: notFound);
        }
    }

    private static ProblemHttpResult RunNotFound(string id) =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Run not found", detail: $"There is no run '{id}'.");
}
