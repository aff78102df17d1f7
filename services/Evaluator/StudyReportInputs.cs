using ForgetCloud.Contracts.Configuration;
using ForgetCloud.Learning.Metrics;
using ForgetCloud.Learning.Study;
using ForgetCloud.Reporting.Analysis;

namespace ForgetCloud.Evaluator;

/// <summary>How a run's config snapshot and arm ids become the analysis inputs.</summary>
public static class StudyReportInputs
{
    /// <summary>
    /// The analysis settings of a config, as <c>forgetcloud study</c> uses them: the default metrics,
    /// <c>evaluation.bootstrap_resamples</c> and <c>evaluation.confidence_level</c>.
    /// </summary>
    public static AnalysisOptions OptionsFor(StudyConfig config) =>
        new(Bootstrap: new BootstrapOptions(config.Evaluation.BootstrapResamples, config.Evaluation.ConfidenceLevel));

    /// <summary>
    /// The arms (optimizer, seed) behind the arm ids, in the given order. The snapshot has the flags applied except
    /// --compare-optimizers, so the arms are those of <see cref="StudyFlags.Arms"/> with or without it whose names match.
    /// </summary>
    public static IReadOnlyList<ArmSpec> ArmsFor(StudyConfig config, IReadOnlyList<string> armIds)
    {
        var known = new Dictionary<string, StudyArm>(StringComparer.Ordinal);
        foreach (var compare in new[] { false, true })
        {
            foreach (var arm in new StudyFlags { CompareOptimizers = compare }.Arms(config))
                known.TryAdd(arm.Name, arm);
        }
        return [.. armIds.Select(id => known.TryGetValue(id, out var arm)
            ? new ArmSpec(arm.Name, ConfigNames.Of(arm.Optimizer), arm.Seed)
            : throw new ArgumentException($"arm '{id}' is not an arm of this config (known: {string.Join(", ", known.Keys)})"))];
    }
}
