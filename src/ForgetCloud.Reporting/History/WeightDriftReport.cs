using ForgetCloud.Learning.Checkpoints;
using ForgetCloud.Learning.Diagnostics;
using ForgetCloud.Learning.Evaluation;
using ForgetCloud.Learning.Study;
using ForgetCloud.Contracts.Configuration;

namespace ForgetCloud.Reporting.History;

/// <summary>
/// The content of <c>weight_drift.json</c>: per arm and stage, how far each trained projection moved
/// (<see cref="ProjectionDrift"/>), as the trainer recorded it in the stage's final checkpoint.
/// </summary>
public sealed record WeightDriftReport(int SchemaVersion, IReadOnlyList<ArmDrift> Arms)
{
    public const int CurrentSchemaVersion = 1;

    /// <summary>True when any stage of any arm has a measurement.</summary>
    public bool Any => Arms.Any(a => a.Stages.Any(s => s.Projections.Count > 0));

    /// <summary>
    /// The report from the final checkpoints the evaluations name (stages 1 and 2): <paramref name="readState"/> reads
    /// a checkpoint's trainer_state.json, from a folder (the CLI) or blob storage (the Evaluator).
    /// </summary>
    public static async Task<WeightDriftReport> ReadAsync(
        IReadOnlyList<ArmSpec> arms,
        IEnumerable<StageEvaluation> evaluations,
        Func<string, CancellationToken, Task<TrainerState>> readState,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(evaluations);
        ArgumentNullException.ThrowIfNull(readState);
        var drift = new Dictionary<(string ArmId, int Stage), IReadOnlyList<ProjectionDrift>>();
        foreach (var evaluation in evaluations.Where(e => e.Stage > 0 && e.Checkpoint is not null))
        {
            if ((await readState(evaluation.Checkpoint!, cancellationToken).ConfigureAwait(false)).WeightDrift is { } measured)
                drift[(evaluation.ArmId, evaluation.Stage)] = measured;
        }

        return Create(arms, drift);
    }

    /// <param name="arms">The study's arms, in report order.</param>
    /// <param name="drift">Per (arm id, stage) the final checkpoint's drift; a stage without one is left out.</param>
    /// <exception cref="ArgumentException">A measurement for an unknown arm or a stage other than 1 or 2.</exception>
    public static WeightDriftReport Create(
        IReadOnlyList<ArmSpec> arms, IReadOnlyDictionary<(string ArmId, int Stage), IReadOnlyList<ProjectionDrift>> drift)
    {
        ArgumentNullException.ThrowIfNull(arms);
        ArgumentNullException.ThrowIfNull(drift);
        foreach (var (armId, stage) in drift.Keys)
        {
            if (arms.All(a => a.Id != armId)) throw new ArgumentException($"weight drift for unknown arm '{armId}'", nameof(drift));
            if (stage is not (1 or 2)) throw new ArgumentException($"arm '{armId}': weight drift for stage {stage} (must be 1 or 2)", nameof(drift));
        }

        return new WeightDriftReport(CurrentSchemaVersion, [.. arms.Select(arm => new ArmDrift(arm.Id, arm.Optimizer, arm.Seed,
            [.. new[] { 1, 2 }.Where(stage => drift.ContainsKey((arm.Id, stage))).Select(stage => new StageDrift(stage, drift[(arm.Id, stage)]))]))]);
    }
}

/// <summary>One arm's drift, by stage.</summary>
public sealed record ArmDrift(string ArmId, string Optimizer, int Seed, IReadOnlyList<StageDrift> Stages);

/// <summary>One stage's drift: every trained projection, in layer order.</summary>
public sealed record StageDrift(int Stage, IReadOnlyList<ProjectionDrift> Projections)
{
    /// <summary>Mean relative change per layer (over its trained projections), by layer index.</summary>
    public IReadOnlyList<(int Layer, double RelativeChange)> ByLayer() =>
        [.. Projections.GroupBy(p => p.Layer).OrderBy(g => g.Key).Select(g => (g.Key, g.Average(p => p.RelativeChange)))];

    /// <summary>Mean top singular value of the change per projection kind (over layers), in first-seen order.</summary>
    public IReadOnlyList<(string Projection, double TopSingularValue)> ByProjection() =>
        [.. Projections.GroupBy(p => p.Projection).Select(g => (g.Key, g.Average(p => p.TopSingularValue)))];
}
