using ForgetCloud.Learning.Evaluation;
using ForgetCloud.Learning.Metrics;
using ForgetCloud.Learning.Study;
using ForgetCloud.Reporting.Scores;
using ForgetCloud.Contracts.Configuration;

namespace ForgetCloud.Reporting.Analysis;

/// <summary>
/// Turns the per-item evaluations of every arm (stage 0 = base, 1, 2) into the study's analysis. Every number is
/// derived from the items: scores and their CIs, the matrices R for accuracy and NLL, the forgetting reports, paired
/// bootstrap CIs of differences, McNemar between optimizers (arms paired by seed), and summaries over seeds.
/// All arms must have been evaluated on the same items in the same order (checked), so that pairing is valid.
/// </summary>
public static class StudyAnalyzer
{
    /// <summary>Analyzes a finished study.</summary>
    /// <param name="arms">The study's arms, in the order to report them.</param>
    /// <param name="evaluations">Exactly one evaluation per arm and stage 0, 1, 2.</param>
    /// <exception cref="ArgumentException">A missing, duplicate or unknown evaluation, items that differ between
    /// evaluations, or two arms with the same optimizer and seed.</exception>
    public static StudyAnalysis Analyze(
        IReadOnlyList<ArmSpec> arms, IReadOnlyList<StageEvaluation> evaluations, AnalysisOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(arms);
        ArgumentNullException.ThrowIfNull(evaluations);
        options ??= AnalysisOptions.Default;
        var bootstrap = options.BootstrapOrDefault;
        var byArm = GroupEvaluations(arms, evaluations);
        RequireSameItems(evaluations);

        var accuracyColumns = new Dictionary<string, ItemColumns>(StringComparer.Ordinal);
        var nllColumns = new Dictionary<string, ItemColumns>(StringComparer.Ordinal);
        var armAnalyses = new List<ArmAnalysis>(arms.Count);
        foreach (var arm in arms)
        {
            var stages = byArm[arm.Id];
            accuracyColumns[arm.Id] = ItemColumns.Accuracy(stages, options);
            nllColumns[arm.Id] = ItemColumns.Nll(stages);
            armAnalyses.Add(AnalyzeArm(arm, stages, accuracyColumns[arm.Id], nllColumns[arm.Id], options));
        }

        var optimizers = arms.Select(a => a.Optimizer).Distinct(StringComparer.Ordinal).ToArray();
        var summaries = optimizers.Select(o => SummarizeOptimizer(o, armAnalyses)).ToArray();
        var comparisons = new List<OptimizerComparison>();
        for (var i = 0; i < optimizers.Length; i++)
        {
            for (var j = i + 1; j < optimizers.Length; j++)
            {
                foreach (var first in arms.Where(a => a.Optimizer == optimizers[i]))
                {
                    var second = arms.FirstOrDefault(a => a.Optimizer == optimizers[j] && a.Seed == first.Seed);
                    if (second is not null)
                    {
                        comparisons.Add(Compare(
                            first, second, byArm, accuracyColumns, nllColumns, options, bootstrap));
                    }
                }
            }
        }

        return new StudyAnalysis(
            StudyAnalysis.CurrentSchemaVersion,
            PrimaryMetrics.For(options),
            bootstrap,
            armAnalyses,
            summaries,
            comparisons);
    }

    private static ArmAnalysis AnalyzeArm(
        ArmSpec arm, IReadOnlyList<StageEvaluation> stages, ItemColumns accuracy, ItemColumns nll, AnalysisOptions options)
    {
        var bootstrap = options.BootstrapOrDefault;
        var scores = stages
            .Select(e => new StageScores(
                e.Stage, e.Checkpoint, Gsm8kScores.FromItems(e.Gsm8k, bootstrap), AquaRatScores.FromItems(e.AquaRat, bootstrap)))
            .ToArray();

        var accuracyCells = scores
            .Select(s => (IReadOnlyList<ConfidenceInterval>)
                [s.Gsm8k.Accuracy(options.Gsm8kAccuracy), s.AquaRat.PrimaryAccuracy(options.AquaRatAccuracy)])
            .ToArray();
        var nllCells = scores
            .Select(s => (IReadOnlyList<ConfidenceInterval>)[s.Gsm8k.AnswerNll, s.AquaRat.RationaleNll])
            .ToArray();

        return new ArmAnalysis(
            arm.Id,
            arm.Optimizer,
            arm.Seed,
            scores,
            Family("accuracy", MetricDirection.HigherIsBetter, accuracyCells, accuracy, bootstrap),
            Family("nll", MetricDirection.LowerIsBetter, nllCells, nll, bootstrap),
            SeedFinal(scores[2], options.Gsm8kAccuracy));
    }

    private static MetricAnalysis Family(
        string metric,
        MetricDirection direction,
        IReadOnlyList<IReadOnlyList<ConfidenceInterval>> cells,
        ItemColumns columns,
        BootstrapOptions bootstrap)
    {
        var rows = cells.Select(row => (IReadOnlyList<double>)row.Select(c => c.Estimate).ToArray()).ToArray();
        var report = ForgettingReport.Compute(new ScoreMatrix(metric, direction, rows));
        var differences = DifferenceDefinition.PerArm(direction)
            .Select(d => new DifferenceEstimate(
                d.Name,
                d.TaskName,
                d.Formula,
                Bootstrap.Statistic(
                    columns.ItemCount(d.Task), idx => d.Compute(stage => columns.Value(d.Task, stage, idx)), bootstrap)))
            .ToArray();
        return new MetricAnalysis(metric, direction, rows, cells, report.Entries(), differences);
    }

    /// <summary>The original framework's final_results.json for one arm, with the original framework's own accuracy definitions.</summary>
    private static IReadOnlyDictionary<string, IReadOnlyDictionary<string, double>> SeedFinal(
        StageScores final, Gsm8kAccuracyMetric gsm8kAccuracy)
    {
        var gsm8k = final.Gsm8k.SeedMetrics(gsm8kAccuracy);
        var aqua = final.AquaRat.SeedMetrics();
        var gap = Math.Abs(gsm8k["accuracy"] - aqua["accuracy"]);
        return new SortedDictionary<string, IReadOnlyDictionary<string, double>>(StringComparer.Ordinal)
        {
            [TaskNames.Gsm8k] = gsm8k,
            [TaskNames.AquaRat] = aqua,
            ["forgetting"] = new SortedDictionary<string, double>(StringComparer.Ordinal)
            {
                ["gsm8k_aqua_performance_gap"] = gap,
                ["average_performance"] = (gsm8k["accuracy"] + aqua["accuracy"]) / 2,
                ["performance_balance"] = 1 - gap,
            },
        };
    }

    private static OptimizerSummary SummarizeOptimizer(string optimizer, IReadOnlyList<ArmAnalysis> arms)
    {
        var mine = arms.Where(a => a.Optimizer == optimizer).ToArray();
        return new OptimizerSummary(
            optimizer,
            mine.Select(a => a.Seed).ToArray(),
            mine.Select(a => a.ArmId).ToArray(),
            SeedMatrixOf(mine, a => a.Accuracy),
            SeedMatrixOf(mine, a => a.Nll));
    }

    private static SeedMatrix SeedMatrixOf(IReadOnlyList<ArmAnalysis> arms, Func<ArmAnalysis, MetricAnalysis> family)
    {
        var first = family(arms[0]);
        var matrix = Enumerable.Range(0, ScoreMatrix.StageCount)
            .Select(i => (IReadOnlyList<SeedSummary>)Enumerable.Range(0, ScoreMatrix.TaskCount)
                .Select(j => SeedStatistics.Summarize(arms.Select(a => family(a).Matrix[i][j]).ToArray()))
                .ToArray())
            .ToArray();
        var forgetting = new SortedDictionary<string, SeedSummary>(StringComparer.Ordinal);
        foreach (var entry in first.Forgetting)
        {
            forgetting[entry.Name] = SeedStatistics.Summarize(
                arms.Select(a => family(a).ForgettingEntry(entry.Name).Value).ToArray());
        }

        return new SeedMatrix(first.Metric, matrix, forgetting);
    }

    private static OptimizerComparison Compare(
        ArmSpec first,
        ArmSpec second,
        IReadOnlyDictionary<string, StageEvaluation[]> byArm,
        IReadOnlyDictionary<string, ItemColumns> accuracy,
        IReadOnlyDictionary<string, ItemColumns> nll,
        AnalysisOptions options,
        BootstrapOptions bootstrap)
    {
        var mcnemar = new List<McNemarComparison>();
        for (var stage = 0; stage < ScoreMatrix.StageCount; stage++)
        {
            var a = byArm[first.Id][stage];
            var b = byArm[second.Id][stage];
            mcnemar.Add(new McNemarComparison(
                stage,
                TaskNames.Gsm8k,
                PrimaryMetrics.For(options).Gsm8kAccuracy,
                McNemarTest.Compute(
                    AccuracyItems.Gsm8k(a.Gsm8k).Select(x => ItemColumns.Gsm8kCorrect(x, options.Gsm8kAccuracy)).ToArray(),
                    AccuracyItems.Gsm8k(b.Gsm8k).Select(x => ItemColumns.Gsm8kCorrect(x, options.Gsm8kAccuracy)).ToArray())));
            mcnemar.Add(new McNemarComparison(
                stage,
                TaskNames.AquaRat,
                PrimaryMetrics.For(options).AquaRatAccuracy,
                McNemarTest.Compute(
                    AccuracyItems.AquaRat(a.AquaRat, options.AquaRatAccuracy).Select(x => ItemColumns.AquaRatCorrect(x, options.AquaRatAccuracy)).ToArray(),
                    AccuracyItems.AquaRat(b.AquaRat, options.AquaRatAccuracy).Select(x => ItemColumns.AquaRatCorrect(x, options.AquaRatAccuracy)).ToArray())));
        }

        return new OptimizerComparison(
            first.Seed,
            first.Id,
            first.Optimizer,
            second.Id,
            second.Optimizer,
            mcnemar,
            Between(accuracy[first.Id], accuracy[second.Id], MetricDirection.HigherIsBetter, bootstrap),
            Between(nll[first.Id], nll[second.Id], MetricDirection.LowerIsBetter, bootstrap));
    }

    private static DifferenceEstimate[] Between(
        ItemColumns first, ItemColumns second, MetricDirection direction, BootstrapOptions bootstrap) =>
        DifferenceDefinition.BetweenArms(direction)
            .Select(d => new DifferenceEstimate(
                d.Name,
                d.TaskName,
                $"second - first of {d.Formula}",
                Bootstrap.Statistic(
                    first.ItemCount(d.Task),
                    idx => d.Compute(s => second.Value(d.Task, s, idx)) - d.Compute(s => first.Value(d.Task, s, idx)),
                    bootstrap)))
            .ToArray();

    private static Dictionary<string, StageEvaluation[]> GroupEvaluations(
        IReadOnlyList<ArmSpec> arms, IReadOnlyList<StageEvaluation> evaluations)
    {
        if (arms.Count == 0)
        {
            throw new ArgumentException("A study analysis needs at least one arm", nameof(arms));
        }

        var byArm = new Dictionary<string, StageEvaluation[]>(StringComparer.Ordinal);
        var seedsSeen = new HashSet<(string, int)>();
        foreach (var arm in arms)
        {
            if (!byArm.TryAdd(arm.Id, new StageEvaluation[ScoreMatrix.StageCount]))
            {
                throw new ArgumentException($"Arm id '{arm.Id}' appears twice", nameof(arms));
            }

            if (!seedsSeen.Add((arm.Optimizer, arm.Seed)))
            {
                throw new ArgumentException(
                    $"Two arms have optimizer '{arm.Optimizer}' and seed {arm.Seed}: arms are paired by seed, so it must be unique",
                    nameof(arms));
            }
        }

        foreach (var evaluation in evaluations)
        {
            if (!byArm.TryGetValue(evaluation.ArmId, out var stages))
            {
                throw new ArgumentException(
                    $"Evaluation of unknown arm '{evaluation.ArmId}' (arms: {string.Join(", ", arms.Select(a => a.Id))})",
                    nameof(evaluations));
            }

            if (evaluation.Stage is < 0 or >= ScoreMatrix.StageCount)
            {
                throw new ArgumentException(
                    $"Evaluation of arm '{evaluation.ArmId}' has stage {evaluation.Stage}; stages are 0 (base), 1 and 2",
                    nameof(evaluations));
            }

            if (stages[evaluation.Stage] is not null)
            {
                throw new ArgumentException(
                    $"Arm '{evaluation.ArmId}' has two evaluations of stage {evaluation.Stage}", nameof(evaluations));
            }

            stages[evaluation.Stage] = evaluation;
        }

        foreach (var (armId, stages) in byArm)
        {
            for (var s = 0; s < stages.Length; s++)
            {
                if (stages[s] is null)
                {
                    throw new ArgumentException($"Arm '{armId}' has no evaluation of stage {s}", nameof(evaluations));
                }
            }
        }

        return byArm;
    }

    /// <summary>Paired statistics need the same items everywhere: same ids, same order, in every evaluation.</summary>
    private static void RequireSameItems(IReadOnlyList<StageEvaluation> evaluations)
    {
        var reference = evaluations[0];
        foreach (var other in evaluations)
        {
            RequireSameIds(TaskNames.Gsm8k, reference, other, e => e.Gsm8k.Select(x => x.Id).ToArray());
            RequireSameIds(TaskNames.AquaRat, reference, other, e => e.AquaRat.Select(x => x.Id).ToArray());
        }
    }

    private static void RequireSameIds(
        string task, StageEvaluation reference, StageEvaluation other, Func<StageEvaluation, string[]> ids)
    {
        var expected = ids(reference);
        var actual = ids(other);
        if (expected.Length != actual.Length)
        {
            throw new ArgumentException(
                $"{task}: arm '{other.ArmId}' stage {other.Stage} has {actual.Length} items but arm '{reference.ArmId}' " +
                $"stage {reference.Stage} has {expected.Length}; paired analysis needs the same items");
        }

        for (var i = 0; i < expected.Length; i++)
        {
            if (expected[i] != actual[i])
            {
                throw new ArgumentException(
                    $"{task}: item {i} is '{actual[i]}' in arm '{other.ArmId}' stage {other.Stage} but '{expected[i]}' in " +
                    $"arm '{reference.ArmId}' stage {reference.Stage}; paired analysis needs the same items in the same order");
            }
        }
    }
}
