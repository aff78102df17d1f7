namespace ForgetCloud.Learning.Metrics;

/// <summary>
/// The Wilson score interval of a binomial proportion (Wilson 1927; Brown, Cai and DasGupta 2001 recommend it over
/// the Wald interval and the bootstrap for accuracies). With p = k/n and z the (1 + level)/2 normal quantile:
/// <code>
/// centre = (p + z²/2n) / (1 + z²/n),   half = z / (1 + z²/n) · sqrt(p(1 - p)/n + z²/4n²)
/// </code>
/// Unlike a percentile bootstrap it does not collapse to [0, 0] at k = 0 (upper bound z²/(n + z²)) or to [1, 1] at
/// k = n. The estimate stays k/n.
/// </summary>
public static class WilsonInterval
{
    /// <summary>The interval for <paramref name="successes"/> of <paramref name="trials"/> at <paramref name="level"/>.</summary>
    public static ConfidenceInterval Compute(int successes, int trials, double level = 0.95)
    {
        if (trials < 1) throw new ArgumentOutOfRangeException(nameof(trials), $"A proportion needs at least one trial, got {trials}");
        if (successes < 0 || successes > trials)
        {
            throw new ArgumentOutOfRangeException(nameof(successes), $"Successes must be in [0, {trials}], got {successes}");
        }

        if (!(level > 0 && level < 1)) throw new ArgumentOutOfRangeException(nameof(level), $"Confidence level must be in (0, 1), got {level}");

        var z = Distributions.StandardNormalQuantile((1 + level) / 2);
        double n = trials;
        var p = successes / n;
        var z2n = z * z / n;
        var centre = (p + (z2n / 2)) / (1 + z2n);
        var half = z / (1 + z2n) * Math.Sqrt((p * (1 - p) / n) + (z2n / (4 * n)));
        // At k = 0 and k = n the bound is exactly 0 or 1; the subtraction would leave rounding noise.
        var lower = successes == 0 ? 0 : centre - half;
        var upper = successes == trials ? 1 : centre + half;
        return new ConfidenceInterval(p, lower, upper, level, IntervalMethod.Wilson);
    }

    /// <summary>The interval of the fraction of true values.</summary>
    public static ConfidenceInterval Of(IEnumerable<bool> outcomes, double level = 0.95)
    {
        ArgumentNullException.ThrowIfNull(outcomes);
        int successes = 0, trials = 0;
        foreach (var outcome in outcomes)
        {
            trials++;
            if (outcome) successes++;
        }

        return Compute(successes, trials, level);
    }
}
