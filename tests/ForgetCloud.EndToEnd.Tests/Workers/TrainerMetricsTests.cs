using System.Diagnostics.Metrics;
using ForgetCloud.Learning.Training;
using ForgetCloud.Trainer;
using Microsoft.Extensions.DependencyInjection;

namespace ForgetCloud.EndToEnd.Tests.Workers;

public sealed class TrainerMetricsTests
{
    private static TrainingStepRecord Step(int stage, long step, double loss) =>
        new(stage, 0, step, loss, 1e-3, 0.5, 100, 40, 900, TimeSpan.FromSeconds(step), Skipped: false);

    [Fact]
    public void The_loss_gauge_reports_the_stages_in_flight_only()
    {
        using var services = new ServiceCollection().AddMetrics().BuildServiceProvider();
        var metrics = new TrainerMetrics(services.GetRequiredService<IMeterFactory>());
        var seen = new List<(double Loss, string Series)>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == TrainerMetrics.MeterName && instrument.Name == "forgetcloud.trainer.loss") l.EnableMeasurementEvents(instrument);
        };
        listener.SetMeasurementEventCallback<double>((_, value, tags, _) =>
            seen.Add((value, string.Join("/", tags.ToArray().Select(t => t.Value)))));
        listener.Start();

        metrics.Record("r1", "adamw", Step(1, 1, 3.0));
        metrics.Record("r1", "adamw", Step(1, 2, 2.5));
        metrics.Record("r1", "muon", Step(1, 1, 2.0));
        metrics.EndStage("r1", "muon", 1); // ended: no longer summed into the dashboard's gauge
        listener.RecordObservableInstruments();

        // Before: a synchronous gauge kept every series it ever saw (~65 "nats" summed on a dashboard).
        Assert.Equal([(2.5, "r1/adamw/1")], seen);
        Assert.Equal([("r1", "adamw", 1)], metrics.LiveSeries);
    }
}
