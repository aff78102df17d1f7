using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using ForgetCloud.Contracts.Configuration;
using ForgetCloud.Learning.Evaluation;

namespace ForgetCloud.Evaluator;

/// <summary>
/// The Evaluator's OpenTelemetry instruments (meter <c>ForgetCloud.Evaluator</c>, exported by ServiceDefaults). The
/// progress gauge is observable over the evaluations in flight only: <see cref="EndEvaluation"/> removes a (run, arm,
/// stage) series when its evaluation ends (<see cref="EvaluationSeriesEnd"/>: completed, failed or cancelled), so a
/// dashboard shows live evaluations, not the last fraction of every one the process ever ran.
/// </summary>
public sealed class EvaluatorMetrics
{
    public const string MeterName = "ForgetCloud.Evaluator";

    private readonly ConcurrentDictionary<(string Run, string Arm, int Stage), (string Dataset, string Phase, double Fraction)> _live = new();
    private readonly Counter<long> _evaluations;
    private readonly Histogram<double> _duration;

    public EvaluatorMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(MeterName);
        meter.CreateObservableGauge("forgetcloud.evaluator.progress", Observe, "1", "Fraction done of the current phase, per evaluation in flight");
        _evaluations = meter.CreateCounter<long>("forgetcloud.evaluator.evaluations", "{evaluation}", "Checkpoint evaluations computed (not republished)");
        _duration = meter.CreateHistogram<double>("forgetcloud.evaluator.duration", "s", "Wall time of one checkpoint evaluation");
    }

    /// <summary>The (run, arm, stage) series the progress gauge reports now.</summary>
    public IReadOnlyCollection<(string Run, string Arm, int Stage)> LiveSeries => [.. _live.Keys];

    public void Progress(string runId, string armId, int stage, EvaluationProgress progress) =>
        _live[(runId, armId, stage)] = (ConfigNames.Of(progress.Dataset), progress.Phase.ToString(), progress.Fraction);

    public void Evaluated(string runId, string armId, int stage, TimeSpan duration)
    {
        EndEvaluation(runId, armId, stage);
        var tags = new TagList { { "run", runId }, { "arm", armId }, { "stage", stage } };
        _evaluations.Add(1, tags);
        _duration.Record(duration.TotalSeconds, tags);
    }

    /// <summary>The evaluation ended: its progress series stops being reported.</summary>
    public void EndEvaluation(string runId, string armId, int stage) => _live.TryRemove((runId, armId, stage), out _);

    private IEnumerable<Measurement<double>> Observe() =>
        [.. _live.Select(kv => new Measurement<double>(kv.Value.Fraction, new TagList
        {
            { "run", kv.Key.Run }, { "arm", kv.Key.Arm }, { "stage", kv.Key.Stage },
            { "dataset", kv.Value.Dataset }, { "phase", kv.Value.Phase },
        }))];
}
