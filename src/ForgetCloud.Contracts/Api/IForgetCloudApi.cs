using System.Text.Json;
using Refit;

namespace ForgetCloud.Contracts.Api;

/// <summary>
/// The Api as a Refit client; create it with <see cref="ForgetCloudApiClient.Create"/> so it speaks the API's JSON
/// conventions. Methods returning <see cref="IApiResponse{T}"/> don't throw on error statuses: read
/// <c>StatusCode</c> and <c>Error</c> (problem details) instead.
/// </summary>
public interface IForgetCloudApi
{
    /// <summary><c>POST /api/runs</c> with a JSON body: 202 with Location and the run, or 400 problem details naming every bad field.</summary>
    [Post("/api/runs")]
    Task<IApiResponse<RunDetails>> SubmitRunAsync([Body] RunSubmission submission, CancellationToken cancellationToken = default);

    /// <summary><c>POST /api/runs</c> with the config file's YAML as the body and the flags as query parameters.</summary>
    [Post("/api/runs")]
    [Headers("Content-Type: application/yaml")]
    Task<IApiResponse<RunDetails>> SubmitYamlRunAsync(
        [Body] string yaml,
        [Query, AliasAs("compare_optimizers")] bool? compareOptimizers = null,
        [Query, AliasAs("optimizer")] string? optimizer = null,
        [Query, AliasAs("seeds")] int? seeds = null,
        [Query, AliasAs("skip_training")] bool? skipTraining = null,
        [Query, AliasAs("resume_stage1")] string? resumeStage1 = null,
        [Query, AliasAs("resume_stage2")] string? resumeStage2 = null,
        CancellationToken cancellationToken = default);

    /// <summary><c>GET /api/runs</c>: the newest runs first.</summary>
    [Get("/api/runs")]
    Task<IReadOnlyList<RunSummary>> ListRunsAsync([Query] int? limit = null, CancellationToken cancellationToken = default);

    /// <summary><c>GET /api/runs/{id}</c>.</summary>
    [Get("/api/runs/{id}")]
    Task<IApiResponse<RunDetails>> GetRunAsync(string id, CancellationToken cancellationToken = default);

    /// <summary><c>GET /api/runs/{id}/results</c>: the final results JSON; 409 until the analysis is done.</summary>
    [Get("/api/runs/{id}/results")]
    Task<IApiResponse<JsonElement>> GetResultsAsync(string id, CancellationToken cancellationToken = default);

    /// <summary><c>GET /api/runs/{id}/artifacts</c>: every file under the run's folder, ordered by path.</summary>
    [Get("/api/runs/{id}/artifacts")]
    Task<IApiResponse<IReadOnlyList<RunArtifact>>> ListArtifactsAsync(string id, CancellationToken cancellationToken = default);

    /// <summary><c>GET /api/runs/{id}/artifacts/{path}</c>: a file under the run's folder (plots, TensorBoard logs, adapters, records).</summary>
    [Get("/api/runs/{id}/artifacts/{**path}")]
    Task<HttpResponseMessage> GetArtifactAsync(string id, string path, CancellationToken cancellationToken = default);

    /// <summary>
    /// <c>GET /api/runs/{id}/events</c>: the server-sent event stream (unbuffered; parse it with an SSE parser).
    /// <paramref name="lastEventId"/>: the id of the last event seen, when reconnecting (null: a new stream).
    /// </summary>
    [Get("/api/runs/{id}/events")]
    [Headers("Accept: text/event-stream")]
    Task<Stream> GetEventStreamAsync(string id, [Header(RunEvent.LastEventIdHeader)] string? lastEventId = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// <c>POST /api/runs/{id}/cancel</c>: 202 with the run; 409 when it already ended. The body is always sent
    /// (<c>new CancelRunRequest(null)</c> for no reason): the Api refuses a cancel without a JSON content type.
    /// </summary>
    [Post("/api/runs/{id}/cancel")]
    Task<IApiResponse<RunDetails>> CancelRunAsync(string id, [Body] CancelRunRequest request, CancellationToken cancellationToken = default);
}
