using ForgetCloud.Contracts.Messages;
using MassTransit;
using Microsoft.Extensions.Logging;

namespace ForgetCloud.Workers.Cancellation;

/// <summary>Receives the <c>CancelRun</c> broadcast on a queue of this instance's own (see <see cref="WorkerHostExtensions"/>).</summary>
public sealed partial class CancelRunConsumer(RunCancellations cancellations, ILogger<CancelRunConsumer> logger) : IConsumer<CancelRun>
{
    public Task Consume(ConsumeContext<CancelRun> context)
    {
        LogCancelled(logger, context.Message.RunId, context.Message.Reason);
        cancellations.Cancel(context.Message.RunId);
        return Task.CompletedTask;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Run {RunId} cancelled ({Reason}): its work here stops.")]
    private static partial void LogCancelled(ILogger logger, string runId, string reason);
}
