using System.Collections.Immutable;
using ForgetCloud.Api.Runs;
using ForgetCloud.Contracts.Api;
using ForgetCloud.Learning.Study;
using MassTransit;

namespace ForgetCloud.Api.Orchestration;

/// <summary>
/// Executes the study workflow against the run store: load -> <see cref="StudyWorkflow.Apply"/> -> compare-and-set
/// save (re-read and re-apply on a conflict) -> publish the commands -> announce the change on the SSE feed.
/// Every Api replica can run it concurrently for the same run: the version check serialises the writers.
/// </summary>
public sealed partial class RunOrchestrator(
    RedisRunStore store,
    RunEventFeed feed,
    ApiSettings settings,
    TimeProvider time,
    ILogger<RunOrchestrator> logger)
{
    /// <summary>Stores a new run and starts its study (StudyStarted), publishing the first commands.</summary>
    public async Task<RunRecord> StartAsync(string runId, StudyOptions options, IPublishEndpoint publish, CancellationToken cancellationToken)
    {
        var started = new StudyStarted(options);
        var transition = StudyWorkflow.Apply(StudyState.New(runId), started);
        var record = new RunRecord(transition.State, time.GetUtcNow());
        if (!await store.CreateAsync(record, transition.Commands).ConfigureAwait(false))
            throw new InvalidOperationException($"Run id {runId} is already taken.");
        await PublishCommandsAsync(transition.State, transition.State.Version, transition.Commands, publish, cancellationToken).ConfigureAwait(false);
        await AnnounceAsync(transition, started).ConfigureAwait(false);
        return record;
    }

    /// <summary>Applies one event to the run; see <see cref="ApplyOutcome"/>.</summary>
    public async Task<ApplyOutcome> ApplyAsync(string runId, StudyEvent e, IPublishEndpoint publish, StageMetrics? metrics, CancellationToken cancellationToken)
    {
        // Commands a crashed predecessor saved but never published go out first, in the order they were issued.
        await FlushPendingAsync(runId, publish, cancellationToken).ConfigureAwait(false);
        for (var attempt = 1; attempt <= settings.MaxConcurrencyRetries; attempt++)
        {
            var record = await store.GetAsync(runId).ConfigureAwait(false);
            if (record is null)
            {
                LogUnknownRun(logger, runId, e.GetType().Name);
                return new ApplyOutcome(ApplyResult.RunNotFound, null);
            }
            var transition = StudyWorkflow.Apply(record.State, e);
            if (transition.WasIgnored)
            {
                LogIgnored(logger, runId, e, transition.IgnoredReason!);
                return new ApplyOutcome(ApplyResult.Ignored, record.State, transition.IgnoredReason);
            }
            if (!await store.TrySaveAsync(transition.State, record.State.Version, transition.Commands).ConfigureAwait(false))
            {
                LogConflict(logger, runId, record.State.Version, attempt);
                continue;
            }
            if (metrics is not null)
                await store.SaveMetricsAsync(runId, metrics).ConfigureAwait(false);
            await PublishCommandsAsync(transition.State, transition.State.Version, transition.Commands, publish, cancellationToken).ConfigureAwait(false);
            await AnnounceAsync(transition, e).ConfigureAwait(false);
            return new ApplyOutcome(ApplyResult.Accepted, transition.State);
        }
        throw new InvalidOperationException(
            $"Run {runId}: {e.GetType().Name} conflicted with other writers {settings.MaxConcurrencyRetries} times in a row; giving up (the message will be retried).");
    }

    private async Task FlushPendingAsync(string runId, IPublishEndpoint publish, CancellationToken cancellationToken)
    {
        var pending = await store.PendingCommandsAsync(runId).ConfigureAwait(false);
        if (pending.Count == 0)
            return;
        var record = await store.GetAsync(runId).ConfigureAwait(false);
        if (record is null)
            return;
        foreach (var (version, commands) in pending)
        {
            LogFlushing(logger, runId, commands.Length, version);
            await PublishCommandsAsync(record.State, version, commands, publish, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task PublishCommandsAsync(StudyState state, long version, ImmutableArray<StudyCommand> commands, IPublishEndpoint publish, CancellationToken cancellationToken)
    {
        foreach (var command in commands)
        {
            // Publish(object) routes by the runtime type, so each message reaches its own exchange.
            if (StudyMessageMapping.ToMessage(state, command) is { } message)
                await publish.Publish(message, cancellationToken).ConfigureAwait(false);
        }
        if (!commands.IsDefaultOrEmpty)
            await store.MarkPublishedAsync(state.StudyId, version).ConfigureAwait(false);
    }

    private Task AnnounceAsync(StudyTransition transition, StudyEvent e)
    {
        var state = transition.State;
        var change = new RunEvent(
            state.StudyId,
            state.Version,
            state.Status,
            e.GetType().Name,
            Describe(e),
            StudyProgress.Of(state).Fraction,
            [.. transition.Commands.Select(c => c.GetType().Name)],
            time.GetUtcNow());
        return feed.PublishAsync(change);
    }

    /// <summary>The event in words; StudyStarted's options are long, so only its arms are named.</summary>
    internal static string Describe(StudyEvent e) => e switch
    {
        StudyStarted s => $"study started with arms {string.Join(", ", s.Options.Arms.Select(a => a.Id))}",
        _ => e.ToString(),
    };

    [LoggerMessage(Level = LogLevel.Warning, Message = "Run {RunId}: {EventType} for a run that does not exist; ignored.")]
    private static partial void LogUnknownRun(ILogger logger, string runId, string eventType);

    [LoggerMessage(Level = LogLevel.Information, Message = "Run {RunId}: {Event} ignored: {Reason}.")]
    private static partial void LogIgnored(ILogger logger, string runId, StudyEvent @event, string reason);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Run {RunId}: version {Version} changed under us (attempt {Attempt}); re-applying.")]
    private static partial void LogConflict(ILogger logger, string runId, long version, int attempt);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Run {RunId}: publishing {Count} commands saved at version {Version} but never published.")]
    private static partial void LogFlushing(ILogger logger, string runId, int count, long version);
}
