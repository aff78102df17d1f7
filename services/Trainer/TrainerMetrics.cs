using System.Diagnostics;
using System.Diagnostics.Metrics;
using ForgetCloud.Learning.Training;

namespace ForgetCloud.Trainer;

/// <summary>The Trainer's OpenTelemetry instruments (meter <c>ForgetCloud.Trainer</c>, exported by ServiceDefaults).</summary>
public sealed class TrainerMetrics
{
    public const string MeterName = "ForgetCloud.Trainer";

    private readonly Gauge<double> _loss;
    private readonly Gauge<double> _tokensPerSecond;
    private readonly Gauge<long> _step;
    private readonly Counter<long> _steps;
    private readonly Counter<long> _tokens;

    public TrainerMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(MeterName);
        _loss = meter.CreateGauge<double>("forgetcloud.trainer.loss", "nats", "Training loss of the latest optimizer step");
        _tokensPerSecond = meter.CreateGauge<double>("forgetcloud.trainer.tokens_per_second", "{token}/s", "Training throughput of the latest step");
        _step = meter.CreateGauge<long>("forgetcloud.trainer.step", "{step}", "Optimizer steps done in the current stage");
        _steps = meter.CreateCounter<long>("forgetcloud.trainer.steps", "{step}", "Optimizer steps run by this process");
        _tokens = meter.CreateCounter<long>("forgetcloud.trainer.tokens", "{token}", "Tokens trained on by this process");
    }

    public void Record(string runId, string armId, TrainingStepRecord step)
    {
        var tags = new TagList { { "run", runId }, { "arm", armId }, { "stage", step.Stage } };
        _loss.Record(step.Loss, tags);
        _tokensPerSecond.Record(step.TokensPerSecond, tags);
        _step.Record(step.Step, tags);
        _steps.Add(1, tags);
        _tokens.Add(step.Tokens, tags);
    }
}
