using System.Diagnostics;
using System.Diagnostics.Metrics;
using ForgetCloud.Contracts.Configuration;
using ForgetCloud.Learning.Evaluation;

namespace ForgetCloud.Evaluator;

/// <summary>The Evaluator's OpenTelemetry instruments (meter <c>ForgetCloud.Evaluator</c>, exported by ServiceDefaults).</summary>
public sealed class EvaluatorMetrics
{
    public const string MeterName = "ForgetCloud.Evaluator";

    private readonly Gauge<double> _progress;
    private readonly Counter<long> _evaluations;
    private readonly Histogram<double> _duration;

    public EvaluatorMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(MeterName);
        _progress = meter.CreateGauge<double>("forgetcloud.evaluator.progress", "1", "Fraction done of the current evaluation phase");
        _evaluations = meter.CreateCounter<long>("forgetcloud.evaluator.evaluations", "{evaluation}", "Checkpoint evaluations computed (not republished)");
        _duration = meter.CreateHistogram<double>("forgetcloud.evaluator.duration", "s", "Wall time of one checkpoint evaluation");
    }

    public void Progress(string runId, string armId, int stage, EvaluationProgress progress) =>
        _progress.Record(progress.Fraction, new TagList
        {
            { "run", runId }, { "arm", armId }, { "stage", stage },
            { "dataset", ConfigNames.Of(progress.Dataset) }, { "phase", progress.Phase.ToString() },
        });

    public void Evaluated(string runId, string armId, int stage, TimeSpan duration)
    {
        var tags = new TagList { { "run", runId }, { "arm", armId }, { "stage", stage } };
        _evaluations.Add(1, tags);
        _duration.Record(duration.TotalSeconds, tags);
    }
}
