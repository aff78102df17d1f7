using System.Diagnostics;

namespace ForgetCloud.ServiceDefaults.Telemetry;

/// <summary>
/// A blob existence check (<c>BlobClient.ExistsAsync</c>: a HEAD request) answers 404 when the blob is absent, which is
/// an answer, not a failure; the HttpClient instrumentation marks every client 4xx as an error, so traces of runs
/// that work as intended were full of red spans. This clears the error status of a HEAD's 404 again.
/// </summary>
public static class ExpectedNotFound
{
    /// <summary>For <c>HttpClientTraceInstrumentationOptions.EnrichWithHttpResponseMessage</c> (runs after the status is set).</summary>
    public static void Clear(Activity activity, HttpResponseMessage response)
    {
        ArgumentNullException.ThrowIfNull(activity);
        ArgumentNullException.ThrowIfNull(response);
        if (response.StatusCode != System.Net.HttpStatusCode.NotFound || response.RequestMessage?.Method != HttpMethod.Head)
            return;
        activity.SetStatus(ActivityStatusCode.Unset);
        activity.SetTag("error.type", null);
    }
}
