using Azure;
using MassTransit;

namespace ForgetCloud.Workers.Retries;

/// <summary>
/// Redelivery in-process for the consumers whose failure ends a study at once (DataPrep, the analysis): a network
/// blip or a storage hiccup should cost a run minutes, not the run; a deterministic error (a bad config, a missing
/// file, malformed data) is not retried and reaches the Api as MassTransit's <c>Fault&lt;T&gt;</c> straight away.
/// Training and evaluation don't use this: the study workflow retries them itself, resuming from checkpoints.
/// </summary>
public static class TransientFailures
{
    public static readonly IReadOnlyList<TimeSpan> RetryIntervals = [TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(30), TimeSpan.FromMinutes(2)];

    public static bool IsTransient(Exception exception) => exception switch
    {
        HttpRequestException or TimeoutException => true,
        // 0: no response at all; 408/429: the server asks to come back later; 5xx: the server's own trouble.
        RequestFailedException failed => failed.Status is 0 or 408 or 429 or >= 500,
        FileNotFoundException or DirectoryNotFoundException or PathTooLongException => false,
        IOException => true,
        _ => false,
    };

    public static void Configure(IRetryConfigurator retry)
    {
        ArgumentNullException.ThrowIfNull(retry);
        retry.Handle<Exception>(IsTransient);
        retry.Intervals([.. RetryIntervals]);
    }
}
