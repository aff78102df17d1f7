using System.Collections.Concurrent;

namespace ForgetCloud.Workers.Cancellation;

/// <summary>
/// The runs this process was told to stop (<c>CancelRun</c>): work in progress for the run is cancelled through its
/// token, and work that arrives later for it is dropped. Per process, because every worker instance gets its own copy
/// of the broadcast.
/// </summary>
public sealed class RunCancellations
{
    private readonly ConcurrentDictionary<string, CancellationTokenSource> _runs = new(StringComparer.Ordinal);

    /// <summary>The token that fires when <paramref name="runId"/> is cancelled (already cancelled when it was).</summary>
    public CancellationToken TokenFor(string runId) => _runs.GetOrAdd(runId, _ => new CancellationTokenSource()).Token;

    public bool IsCancelled(string runId) => _runs.TryGetValue(runId, out var source) && source.IsCancellationRequested;

    public void Cancel(string runId) => _runs.GetOrAdd(runId, _ => new CancellationTokenSource()).Cancel();

    /// <summary>
    /// Runs one message's work under a token that the message's own token or a CancelRun for its run cancels.
    /// Returns false when the run was cancelled (before or during the work): the work is abandoned, not failed.
    /// Any other exception propagates, so the consumer publishes its own failure event.
    /// </summary>
    public async Task<bool> RunAsync(string runId, CancellationToken messageToken, Func<CancellationToken, Task> work)
    {
        if (IsCancelled(runId)) return false;
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(messageToken, TokenFor(runId));
        try
        {
            await work(linked.Token).ConfigureAwait(false);
            return true;
        }
        catch (OperationCanceledException) when (IsCancelled(runId))
        {
            return false;
        }
    }
}
