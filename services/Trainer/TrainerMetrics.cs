using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using ForgetCloud.Learning.Training;

namespace ForgetCloud.Trainer;

/// <summary>
/// The Trainer's OpenTelemetry instruments (meter <c>ForgetCloud.Trainer</c>, exported by ServiceDefaults). The gauges
/// are observable over the stages in flight only: <see cref="EndStage"/> removes a (run, arm, stage) series, so a
/// dashboard summing or averaging them sees live training, not every stage this process ever ran.
/// </summary>
public sealed class TrainerMetrics
{
    public const string MeterName = "ForgetCloud.Trainer";

    private readonly ConcurrentDictionary<(string Run, string Arm, int Stage), TrainingStepRecord> _live = new();
    private readonly Counter<long> _steps;
    private readonly Counter<long> _tokens;

    public TrainerMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(MeterName);
        meter.CreateObservableGauge("forgetcloud.trainer.loss", () => Observe(s => s.Loss), "nats", "Training loss of the latest optimizer step, per stage in flight");
        meter.CreateObservableGauge("forgetcloud.trainer.tokens_per_second", () => Observe(s => s.TokensPerSecond), "{token}/s", "Training throughput of the latest step, per stage in flight");
        meter.CreateObservableGauge("forgetcloud.trainer.step", () => Observe(s => s.Step), "{step}", "Optimizer steps done, per stage in flight");
        _steps = meter.CreateCounter<long>("forgetcloud.trainer.steps", "{step}", "Optimizer steps run by this process");
        _tokens = meter.CreateCounter<long>("forgetcloud.trainer.tokens", "{token}", "Tokens trained on by this process");
    }

    /// <summary>The (run, arm, stage) series the gauges report now.</summary>
    public IReadOnlyCollection<(string Run, string Arm, int Stage)> LiveSeries => [.. _live.Keys];

    public void Record(string runId, string armId, TrainingStepRecord step)
    {
        _live[(runId, armId, step.Stage)] = step;
        var tags = Tags((runId, armId, step.Stage));
        _steps.Add(1, tags);
        _tokens.Add(step.Tokens, tags);
    }

    /// <summary>The stage ended (completed, failed or cancelled): its gauge series stop being reported.</summary>
    public void EndStage(string runId, string armId, int stage) => _live.TryRemove((runId, armId, stage), out _);

    private IEnumerable<Measurement<T>> Observe<T>(Func<TrainingStepRecord, T> value) where T : struct =>
        [.. _live.Select(kv => new Measurement<T>(value(kv.Value), Tags(kv.Key)))];

    private static TagList Tags((string Run, string Arm, int Stage) key) =>
        new() { { "run", key.Run }, { "arm", key.Arm }, { "stage", key.Stage } };
}
