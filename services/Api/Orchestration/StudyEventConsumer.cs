using ForgetCloud.Contracts.Messages;
using MassTransit;

namespace ForgetCloud.Api.Orchestration;

/// <summary>
/// Every event message a worker publishes (and MassTransit's faults for the commands that have no failure event of
/// their own: DataPrep's and the analysis'), on one receive endpoint: translate to a workflow event and hand it to
/// the orchestrator, which publishes the resulting commands through this consume context (so they carry its
/// conversation and trace).
/// </summary>
public sealed class StudyEventConsumer(RunOrchestrator orchestrator) :
    IConsumer<DatasetsPrepared>,
    IConsumer<StageProgress>,
    IConsumer<StageCheckpointSaved>,
    IConsumer<StageFailed>,
    IConsumer<CheckpointEvaluated>,
    IConsumer<EvaluationFailed>,
    IConsumer<AnalysisCompleted>,
    IConsumer<Fault<PrepareDatasets>>,
    IConsumer<Fault<AnalyzeStudy>>
{
    public Task Consume(ConsumeContext<DatasetsPrepared> context) => Apply(context, context.Message.RunId, StudyMessageMapping.ToEvent(context.Message));

    public Task Consume(ConsumeContext<StageProgress> context) => Apply(context, context.Message.RunId, StudyMessageMapping.ToEvent(context.Message));

    public Task Consume(ConsumeContext<StageCheckpointSaved> context) => Apply(context, context.Message.RunId, StudyMessageMapping.ToEvent(context.Message));

    public Task Consume(ConsumeContext<StageFailed> context) => Apply(context, context.Message.RunId, StudyMessageMapping.ToEvent(context.Message));

    public Task Consume(ConsumeContext<CheckpointEvaluated> context) => Apply(context, context.Message.RunId, StudyMessageMapping.ToEvent(context.Message));

    public Task Consume(ConsumeContext<EvaluationFailed> context) => Apply(context, context.Message.RunId, StudyMessageMapping.ToEvent(context.Message));

    public Task Consume(ConsumeContext<AnalysisCompleted> context) => Apply(context, context.Message.RunId, StudyMessageMapping.ToEvent(context.Message));

    public Task Consume(ConsumeContext<Fault<PrepareDatasets>> context) => Apply(context, context.Message.Message.RunId, StudyMessageMapping.ToEvent(context.Message));

    public Task Consume(ConsumeContext<Fault<AnalyzeStudy>> context) => Apply(context, context.Message.Message.RunId, StudyMessageMapping.ToEvent(context.Message));

    private Task Apply<T>(ConsumeContext<T> context, string runId, Learning.Study.StudyEvent e) where T : class =>
        orchestrator.ApplyAsync(runId, e, context, StudyMessageMapping.MetricsOf(context.Message), context.CancellationToken);
}
