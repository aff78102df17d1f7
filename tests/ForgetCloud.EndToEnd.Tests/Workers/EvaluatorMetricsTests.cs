using System.Diagnostics.Metrics;
using ForgetCloud.Contracts.Configuration;
using ForgetCloud.Contracts.Messages;
using ForgetCloud.Evaluator;
using ForgetCloud.Learning.Evaluation;
using MassTransit;
using MassTransit.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace ForgetCloud.EndToEnd.Tests.Workers;

public sealed class EvaluatorMetricsTests
{
    private static List<(double Fraction, string Series)> Observe(Action record)
    {
        var seen = new List<(double, string)>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == EvaluatorMetrics.MeterName && instrument.Name == "forgetcloud.evaluator.progress") l.EnableMeasurementEvents(instrument);
        };
        listener.SetMeasurementEventCallback<double>((_, value, tags, _) =>
            seen.Add((value, string.Join("/", tags.ToArray().Select(t => t.Value)))));
        listener.Start();
        record();
        listener.RecordObservableInstruments();
        return seen;
    }

    [Fact]
    public void The_progress_gauge_reports_the_evaluations_in_flight_only()
    {
        using var services = new ServiceCollection().AddMetrics().BuildServiceProvider();
        var metrics = new EvaluatorMetrics(services.GetRequiredService<IMeterFactory>());

        var seen = Observe(() =>
        {
            metrics.Progress("r1", "adamw", 1, new EvaluationProgress(DatasetKind.Gsm8k, EvaluationPhase.Generation, 4, 16, 16));
            metrics.Progress("r1", "adamw", 1, new EvaluationProgress(DatasetKind.Gsm8k, EvaluationPhase.Generation, 8, 16, 16));
            metrics.Progress("r1", "muon", 1, new EvaluationProgress(DatasetKind.Gsm8k, EvaluationPhase.Generation, 2, 16, 16));
            metrics.Progress("r0", "adamw", 2, new EvaluationProgress(DatasetKind.Gsm8k, EvaluationPhase.Generation, 16, 16, 16));
            metrics.EndEvaluation("r1", "muon", 1); // failed or cancelled
            metrics.Evaluated("r0", "adamw", 2, TimeSpan.FromSeconds(3)); // completed
        });

        // Before: a synchronous gauge kept the last value of every (run, arm, stage, dataset, phase) it ever saw.
        Assert.Equal([(0.5, "r1/adamw/1/gsm8k/Generation")], seen);
        Assert.Equal([("r1", "adamw", 1)], metrics.LiveSeries);
    }

    private sealed class FailingEvaluation(EvaluatorMetrics metrics) : IConsumer<EvaluateCheckpoint>
    {
        public Task Consume(ConsumeContext<EvaluateCheckpoint> context)
        {
            var m = context.Message;
            metrics.Progress(m.RunId, m.ArmId, m.Stage, new EvaluationProgress(DatasetKind.AquaRat, EvaluationPhase.Generation, 1, 4, 4));
            throw new InvalidOperationException("the checkpoint is unreadable");
        }
    }

    [Fact]
    public async Task An_evaluation_whose_consume_faults_leaves_no_series()
    {
        await using var services = new ServiceCollection()
            .AddMetrics()
            .AddSingleton<EvaluatorMetrics>()
            .AddMassTransitTestHarness(bus =>
            {
                bus.AddConsumeObserver<EvaluationSeriesEnd>();
                bus.AddConsumer<FailingEvaluation>();
            })
            .BuildServiceProvider(true);
        var harness = services.GetRequiredService<ITestHarness>();
        await harness.Start();
        var metrics = services.GetRequiredService<EvaluatorMetrics>();

        await harness.Bus.Publish(new EvaluateCheckpoint("r1", "adamw", 0, null, 1, "runs/r1/config.yaml", []), TestContext.Current.CancellationToken);

        Assert.True(await harness.Consumed.Any<EvaluateCheckpoint>(x => x.Exception is not null, TestContext.Current.CancellationToken));
        // The observer runs after the consumer, in no fixed order with the harness's own record of the fault.
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (metrics.LiveSeries.Count > 0 && DateTime.UtcNow < deadline)
            await Task.Delay(20, TestContext.Current.CancellationToken);
        Assert.Empty(metrics.LiveSeries);
    }
}
