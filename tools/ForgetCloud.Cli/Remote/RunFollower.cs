using System.Net.ServerSentEvents;
using System.Text.Json;
using ForgetCloud.Contracts.Api;

namespace ForgetCloud.Cli.Remote;

/// <summary>
/// Follows a run over <c>GET /api/runs/{id}/events</c> until it reaches a terminal status, showing each event.
/// A stream that ends or breaks before that (an Api restart, a proxy timeout) is reopened with the last version seen
/// as Last-Event-ID: it starts with a fresh snapshot when the run moved on meanwhile (the snapshot holds the whole
/// state, so nothing is missed that matters), else with a "resumed" one that is not shown again. Gives up after <see cref="MaxReconnects"/> failures in a row.
/// </summary>
public sealed class RunFollower(ApiConnection api, IRunProgressDisplay display)
{
    public const int MaxReconnects = 5;
    private static readonly JsonSerializerOptions Json = ForgetCloudApiJson.CreateOptions();

    /// <summary>Follows until the run ends; returns its final details. Cancelling <paramref name="cancel"/> detaches (the run goes on).</summary>
    public async Task<RunDetails> FollowAsync(string runId, CancellationToken cancel)
    {
        var failures = 0;
        string? lastProblem = null;
        string? seen = null;
        while (true)
        {
            try
            {
                await using var stream = await api.CallAsync((c, t) => c.GetEventStreamAsync(runId, seen, t), cancel).ConfigureAwait(false);
                var parser = SseParser.Create(stream, (_, data) => JsonSerializer.Deserialize<RunEvent>(data, Json));
                await foreach (var item in parser.EnumerateAsync(cancel).ConfigureAwait(false))
                {
                    if (item.EventType is not (RunEvent.SseEventType or RunEvent.SseResumedType) || item.Data is not { } runEvent) continue;
                    failures = 0;
                    seen = item.EventId;
                    if (item.EventType == RunEvent.SseEventType)
                        display.Show(runEvent); // a resumed snapshot was shown before the stream broke
                    if (runEvent.IsTerminal)
                    {
                        display.Finish();
                        var details = await api.CallAsync((c, t) => c.GetRunAsync(runId, t), cancel).ConfigureAwait(false);
                        return api.Require(details);
                    }
                }
                lastProblem = "the event stream ended before the run did";
            }
            catch (Exception e) when (!cancel.IsCancellationRequested && e is IOException or HttpRequestException or CliException { InnerException: HttpRequestException })
            {
                // Transport trouble only: a 404 or other answer from the Api is final and propagates.
                lastProblem = ErrorBoundary.OneLine(e.Message);
            }
            if (++failures > MaxReconnects)
            {
                display.Finish();
                throw new CliException($"lost the event stream of run {runId} at {api.BaseAddress} {MaxReconnects} times in a row ({lastProblem}); the run goes on: see 'forgetcloud runs show {runId} --follow'");
            }
            display.Note($"event stream interrupted ({lastProblem}); reconnecting ({failures}/{MaxReconnects})");
            await Task.Delay(TimeSpan.FromSeconds(Math.Min(30, 1 << failures)), cancel).ConfigureAwait(false);
        }
    }
}
