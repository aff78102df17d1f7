using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using ForgetCloud.Contracts.Api;
using Refit;

namespace ForgetCloud.Cli.Remote;

/// <summary>
/// One Refit client of the Api plus the translation of everything that can go wrong into the CLI's error lines:
/// an unreachable Api names its URL; problem details become one line, or one line per bad field for a 400.
/// </summary>
public sealed class ApiConnection : IDisposable
{
    /// <summary>Bound on one request/answer exchange (not on streams: event streams and downloads last as long as they need).</summary>
    public static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(100);

    private static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(15);
    private readonly HttpClient _http;

    /// <param name="baseAddress">The Api's root URL.</param>
    /// <param name="apiKey">Sent as <c>Authorization: Bearer</c> on every request; null for an Api without authentication.</param>
    public ApiConnection(Uri baseAddress, string? apiKey = null)
    {
        BaseAddress = baseAddress;
        HasApiKey = apiKey is not null;
        HttpMessageHandler handler = new SocketsHttpHandler { ConnectTimeout = ConnectTimeout };
        if (apiKey is not null)
            handler = new ApiKeyHandler(apiKey, handler);
        _http = new HttpClient(handler)
        {
            BaseAddress = baseAddress,
            // Event streams stay open for hours; exchanges get RequestTimeout through their token instead.
            Timeout = Timeout.InfiniteTimeSpan,
        };
        Client = ForgetCloudApiClient.Create(_http);
    }

    public Uri BaseAddress { get; }

    /// <summary>Whether requests carry an API key (it shapes the advice of a 401).</summary>
    public bool HasApiKey { get; }

    public IForgetCloudApi Client { get; }

    /// <summary>Runs one exchange with the Api, bounded by <see cref="RequestTimeout"/>, translating transport failures.</summary>
    public async Task<T> CallAsync<T>(Func<IForgetCloudApi, CancellationToken, Task<T>> call, CancellationToken cancel)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancel);
        timeout.CancelAfter(RequestTimeout);
        try
        {
            return await call(Client, timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested && !cancel.IsCancellationRequested)
        {
            throw new CliException($"the ForgetCloud Api at {BaseAddress} did not answer within {RequestTimeout.TotalSeconds:0} s");
        }
        catch (Exception e) when (Unreachable(e) is { } reason)
        {
            throw UnreachableError(reason, e);
        }
        catch (ApiException e)
        {
            throw ToException(e.StatusCode, e.Content, HasApiKey);
        }
    }

    /// <summary>The one-line error for an Api that cannot be reached.</summary>
    public CliException UnreachableError(string reason, Exception? cause) =>
        new($"cannot reach the ForgetCloud Api at {BaseAddress}: {reason}", cause);

    /// <summary>The content of a successful response, or the error it carries as a CLI exception.</summary>
    public T Require<T>(IApiResponse<T> response)
    {
        if (response.IsSuccessStatusCode && response.Content is { } content)
            return content;
        if (response.Error is { InnerException: { } inner } && Unreachable(inner) is { } reason)
            throw UnreachableError(reason, inner);
        if (response.StatusCode is not { } status)
        {
            // No answer at all: the request failed before a response arrived.
            var why = response.Error is { } error ? ErrorBoundary.OneLine((error.InnerException ?? error).Message) : "no response";
            throw UnreachableError(why, response.Error);
        }
        throw ToException(status, (response.Error as ApiException)?.Content, HasApiKey);
    }

    /// <summary>The reason in words when <paramref name="e"/> means the Api could not be reached at all; null otherwise.</summary>
    public static string? Unreachable(Exception e) => e switch
    {
        // Methods without IApiResponse wrap a failed send in Refit's own exception.
        ApiRequestException { InnerException: HttpRequestException inner } => Unreachable(inner),
        HttpRequestException { InnerException: SocketException socket } => socket.Message,
        HttpRequestException { InnerException: IOException io } => io.Message,
        HttpRequestException { HttpRequestError: HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError } http => http.Message,
        HttpRequestException http when http.StatusCode is null => http.Message,
        _ => null,
    };

    /// <summary>
    /// An error answer as an exception: a 400 with <c>errors</c> lists every field (<c>key: message</c>, one line
    /// each); anything else is one line with the status and the problem's detail.
    /// </summary>
    /// <param name="status">The answer's status.</param>
    /// <param name="content">Its body (problem details, usually).</param>
    /// <param name="sentKey">Whether the request carried an API key: a 401 then means a wrong key, else a missing one.</param>
    public static Exception ToException(HttpStatusCode status, string? content, bool sentKey = false)
    {
        string? title = null, detail = null;
        var fields = new List<string>();
        if (!string.IsNullOrWhiteSpace(content))
        {
            try
            {
                using var document = JsonDocument.Parse(content);
                var root = document.RootElement;
                if (root.ValueKind == JsonValueKind.Object)
                {
                    title = root.TryGetProperty("title", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString() : null;
                    detail = root.TryGetProperty("detail", out var d) && d.ValueKind == JsonValueKind.String ? d.GetString() : null;
                    if (root.TryGetProperty("errors", out var errors) && errors.ValueKind == JsonValueKind.Object)
                    {
                        foreach (var field in errors.EnumerateObject())
                        {
                            var messages = field.Value.ValueKind == JsonValueKind.Array
                                ? field.Value.EnumerateArray().Select(m => m.ToString())
                                : [field.Value.ToString()];
                            fields.AddRange(messages.Select(m => $"{field.Name}: {m}"));
                        }
                    }
                }
            }
            catch (JsonException)
            {
                detail = content.Length > 200 ? content[..200] + "…" : content;
            }
        }
        if (fields.Count > 0)
            return new CliErrorsException(fields);
        if (status == HttpStatusCode.Unauthorized)
        {
            return new CliException(sentKey
                ? $"the Api refused the API key (401 Unauthorized: {title ?? "invalid credentials"}); check --api-key or ${ApiOptions.KeyVariable}"
                : $"the Api requires an API key (401 Unauthorized); give it with --api-key KEY or the {ApiOptions.KeyVariable} environment variable");
        }
        var what = detail ?? title ?? "no details given";
        return new CliException($"the Api answered {(int)status} {ReasonOf(status)}: {what}");
    }

    private static string ReasonOf(HttpStatusCode status) => status switch
    {
        HttpStatusCode.NotFound => "Not Found",
        HttpStatusCode.Conflict => "Conflict",
        HttpStatusCode.BadRequest => "Bad Request",
        HttpStatusCode.RequestEntityTooLarge => "Content Too Large",
        HttpStatusCode.UnsupportedMediaType => "Unsupported Media Type",
        HttpStatusCode.Forbidden => "Forbidden",
        HttpStatusCode.TooManyRequests => "Too Many Requests",
        _ => status.ToString(),
    };

    public void Dispose() => _http.Dispose();
}
