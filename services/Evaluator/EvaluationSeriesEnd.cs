using ForgetCloud.Contracts.Messages;
using MassTransit;

namespace ForgetCloud.Evaluator;

/// <summary>
/// Ends an evaluation's progress series once its <see cref="EvaluateCheckpoint"/> consume is over, however it ended
/// (evaluated, failed, cancelled, thrown): the consumer itself only knows the successful end.
/// </summary>
public sealed class EvaluationSeriesEnd(EvaluatorMetrics metrics) : IConsumeObserver
{
    public Task PreConsume<T>(ConsumeContext<T> context) where T : class => Task.CompletedTask;

    public Task PostConsume<T>(ConsumeContext<T> context) where T : class => End(context.Message);

    public Task ConsumeFault<T>(ConsumeContext<T> context, Exception exception) where T : class => End(context.Message);

    private Task End(object message)
    {
        if (message is EvaluateCheckpoint m)
            metrics.EndEvaluation(m.RunId, m.ArmId, m.Stage);
        return Task.CompletedTask;
    }
}
