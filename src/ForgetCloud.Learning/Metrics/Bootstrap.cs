namespace ForgetCloud.Learning.Metrics;

/// <summary>
/// Percentile bootstrap confidence intervals over test items (Efron and Tibshirani, 1993, ch. 13): resample the
/// item indices with replacement <see cref="BootstrapOptions.Resamples"/> times, recompute the statistic, and take
/// the (1 - level)/2 and (1 + level)/2 quantiles of the replicates (linear interpolation between order statistics,
/// numpy's default). Paired statistics resample the same indices for every column, so per-item correlation between
/// two stages or two optimizers evaluated on the same items is kept. The RNG is <see cref="Random"/> with a seed,
/// whose seeded sequence is fixed across .NET versions.
/// </summary>
public static class Bootstrap
{
    /// <summary>CI of the mean of per-item values (accuracy from 0/1 correctness, mean NLL, ...).</summary>
    public static ConfidenceInterval Mean(IReadOnlyList<double> values, BootstrapOptions? options = null)
    {
        RequireItems(values, nameof(values));
        return Statistic(values.Count, idx => MeanOver(values, idx), options);
    }

    /// <summary>
    /// CI of mean(minuend - subtrahend) over items evaluated twice (same items, same order), e.g. GSM8K NLL after
    /// stage 2 minus after stage 1 (the forgetting), or Muon minus AdamW on the same test set.
    /// </summary>
    public static ConfidenceInterval PairedDifference(
        IReadOnlyList<double> minuend, IReadOnlyList<double> subtrahend, BootstrapOptions? options = null)
    {
        RequireItems(minuend, nameof(minuend));
        RequirePaired(minuend, subtrahend);
        var differences = new double[minuend.Count];
        for (var i = 0; i < differences.Length; i++)
        {
            differences[i] = minuend[i] - subtrahend[i];
        }

        return Statistic(differences.Length, idx => MeanOver(differences, idx), options);
    }

    /// <summary>
    /// CI of mean(first) - mean(second) for independent samples (different items, e.g. runs on different test
    /// subsets): each sample is resampled on its own.
    /// </summary>
    public static ConfidenceInterval UnpairedDifference(
        IReadOnlyList<double> first, IReadOnlyList<double> second, BootstrapOptions? options = null)
    {
        RequireItems(first, nameof(first));
        RequireItems(second, nameof(second));
        options ??= BootstrapOptions.Default;
        options.Validate();
        var random = new Random(options.Seed);
        var replicates = new double[options.Resamples];
        var firstIdx = new int[first.Count];
        var secondIdx = new int[second.Count];
        for (var r = 0; r < replicates.Length; r++)
        {
            Fill(firstIdx, random);
            Fill(secondIdx, random);
            replicates[r] = MeanOver(first, firstIdx) - MeanOver(second, secondIdx);
        }

        return Interval(Mean(first) - Mean(second), replicates, options.Level);
    }

    /// <summary>
    /// CI of any statistic of <paramref name="itemCount"/> items: <paramref name="statistic"/> receives the item
    /// indices of one resample (the identity 0..n-1 for the point estimate) and must read every per-item column it
    /// uses at those indices, which makes the bootstrap paired across columns. Example: the difference between two
    /// optimizers' forgetting, (nll2_muon[i] - nll1_muon[i]) - (nll2_adamw[i] - nll1_adamw[i]) averaged over idx.
    /// </summary>
    public static ConfidenceInterval Statistic(
        int itemCount, Func<IReadOnlyList<int>, double> statistic, BootstrapOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(statistic);
        if (itemCount <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(itemCount), $"Bootstrap needs at least one item, got {itemCount}");
        }

        options ??= BootstrapOptions.Default;
        options.Validate();
        var identity = new int[itemCount];
        for (var i = 0; i < itemCount; i++)
        {
            identity[i] = i;
        }

        var estimate = statistic(identity);
        var random = new Random(options.Seed);
        var replicates = new double[options.Resamples];
        var indices = new int[itemCount];
        for (var r = 0; r < replicates.Length; r++)
        {
            Fill(indices, random);
            replicates[r] = statistic(indices);
        }

        return Interval(estimate, replicates, options.Level);
    }

    /// <summary>The q-quantile (0 &lt;= q &lt;= 1) of values by linear interpolation (numpy's default method).</summary>
    public static double Quantile(IReadOnlyList<double> values, double q)
    {
        RequireItems(values, nameof(values));
        if (!(q >= 0 && q <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(q), $"Quantile must be in [0, 1], got {q}");
        }

        var sorted = values.ToArray();
        Array.Sort(sorted);
        return SortedQuantile(sorted, q);
    }

    private static ConfidenceInterval Interval(double estimate, double[] replicates, double level)
    {
        foreach (var value in replicates)
        {
            if (!double.IsFinite(value))
            {
                throw new ArgumentException($"Bootstrap statistic produced a non-finite value: {value}");
            }
        }

        Array.Sort(replicates);
        var alpha = 1 - level;
        return new ConfidenceInterval(
            estimate, SortedQuantile(replicates, alpha / 2), SortedQuantile(replicates, 1 - (alpha / 2)), level,
            IntervalMethod.PercentileBootstrap);
    }

    private static double SortedQuantile(double[] sorted, double q)
    {
        var position = q * (sorted.Length - 1);
        var lower = (int)Math.Floor(position);
        var upper = Math.Min(lower + 1, sorted.Length - 1);
        var fraction = position - lower;
        return sorted[lower] + (fraction * (sorted[upper] - sorted[lower]));
    }

    private static void Fill(int[] indices, Random random)
    {
        for (var i = 0; i < indices.Length; i++)
        {
            indices[i] = random.Next(indices.Length);
        }
    }

    private static double MeanOver(IReadOnlyList<double> values, IReadOnlyList<int> indices)
    {
        double sum = 0;
        foreach (var i in indices)
        {
            sum += values[i];
        }

        return sum / indices.Count;
    }

    private static double Mean(IReadOnlyList<double> values)
    {
        double sum = 0;
        foreach (var v in values)
        {
            sum += v;
        }

        return sum / values.Count;
    }

    private static void RequireItems(IReadOnlyList<double> values, string name)
    {
        ArgumentNullException.ThrowIfNull(values, name);
        if (values.Count == 0)
        {
            throw new ArgumentException("Bootstrap needs at least one item", name);
        }

        for (var i = 0; i < values.Count; i++)
        {
            if (!double.IsFinite(values[i]))
            {
                throw new ArgumentException($"Item {i} is not finite: {values[i]}", name);
            }
        }
    }

    private static void RequirePaired(IReadOnlyList<double> first, IReadOnlyList<double> second)
    {
        ArgumentNullException.ThrowIfNull(second);
        if (first.Count != second.Count)
        {
            throw new ArgumentException(
                $"Paired bootstrap needs the same items twice: {first.Count} vs {second.Count} values", nameof(second));
        }

        RequireItems(second, nameof(second));
    }
}
