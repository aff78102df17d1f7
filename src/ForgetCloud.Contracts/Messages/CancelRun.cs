namespace ForgetCloud.Contracts.Messages;

/// <summary>
/// Broadcast to every worker: stop training and evaluating for this run (the run was cancelled or failed).
/// Workers acknowledge the work message they hold for the run without publishing a result.
/// </summary>
/// <param name="RunId">The run.</param>
/// <param name="Reason">Why, for logs.</param>
public sealed record CancelRun(string RunId, string Reason);
