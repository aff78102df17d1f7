using System.Collections.Concurrent;
using ForgetCloud.Contracts.Messages;
using MassTransit;

namespace ForgetCloud.AppHost.Tests.Api;

/// <summary>Stands in for the workers: receives every command message the Api publishes, on its own temporary queue.</summary>
public sealed class CommandRecorder(CommandInbox inbox) :
    IConsumer<PrepareDatasets>, IConsumer<TrainStage>, IConsumer<EvaluateCheckpoint>, IConsumer<AnalyzeStudy>, IConsumer<CancelRun>
{
    public Task Consume(ConsumeContext<PrepareDatasets> context) => inbox.Add(context.Message.RunId, context.Message);
    public Task Consume(ConsumeContext<TrainStage> context) => inbox.Add(context.Message.RunId, context.Message);
    public Task Consume(ConsumeContext<EvaluateCheckpoint> context) => inbox.Add(context.Message.RunId, context.Message);
    public Task Consume(ConsumeContext<AnalyzeStudy> context) => inbox.Add(context.Message.RunId, context.Message);
    public Task Consume(ConsumeContext<CancelRun> context) => inbox.Add(context.Message.RunId, context.Message);
}

/// <summary>Messages by run, and a way to wait for one.</summary>
public sealed class CommandInbox
{
    private readonly ConcurrentDictionary<string, ConcurrentQueue<object>> _byRun = new();
    private readonly SemaphoreSlim _arrived = new(0);

    public Task Add(string runId, object message)
    {
        _byRun.GetOrAdd(runId, _ => new()).Enqueue(message);
        _arrived.Release();
        return Task.CompletedTask;
    }

    public IReadOnlyList<object> Of(string runId) => _byRun.TryGetValue(runId, out var queue) ? [.. queue] : [];

    /// <summary>Waits (bounded) until <paramref name="count"/> messages of type T arrived for the run.</summary>
    public async Task<IReadOnlyList<T>> WaitForAsync<T>(string runId, int count, TimeSpan timeout, Func<T, bool>? where = null)
    {
        using var cts = new CancellationTokenSource(timeout);
        while (true)
        {
            var found = Of(runId).OfType<T>().Where(m => where?.Invoke(m) ?? true).ToList();
            if (found.Count >= count)
                return found;
            try
            {
                await _arrived.WaitAsync(cts.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"Run {runId}: {found.Count} of {count} {typeof(T).Name} messages arrived within {timeout}; got {string.Join(", ", Of(runId))}.");
            }
        }
    }
}
