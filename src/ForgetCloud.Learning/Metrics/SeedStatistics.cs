namespace ForgetCloud.Learning.Metrics;

/// <summary>
/// Spread across seeds: with few seeds (typically 2-5) the Student t interval, not a bootstrap, is the right tool.
/// One seed has no spread: <see cref="SeedSummary.StandardDeviation"/> and the interval are null, not zero.
/// </summary>
public static class SeedStatistics
{
    /// <summary>Mean, sample standard deviation and t-based interval of a score over seeds.</summary>
    /// <exception cref="ArgumentException">No values or a non-finite value.</exception>
    public static SeedSummary Summarize(IReadOnlyList<double> valuesPerSeed, double level = 0.95)
    {
        ArgumentNullException.ThrowIfNull(valuesPerSeed);
        if (valuesPerSeed.Count == 0)
        {
            throw new ArgumentException("Seed summary needs at least one value", nameof(valuesPerSeed));
        }

        if (!(level > 0 && level < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(level), $"Confidence level must be in (0, 1), got {level}");
        }

        for (var i = 0; i < valuesPerSeed.Count; i++)
        {
            if (!double.IsFinite(valuesPerSeed[i]))
            {
                throw new ArgumentException($"Seed {i} value is not finite: {valuesPerSeed[i]}", nameof(valuesPerSeed));
            }
        }

        var n = valuesPerSeed.Count;
        var mean = valuesPerSeed.Average();
        if (n == 1)
        {
            return new SeedSummary(1, mean, null, null);
        }

        double squares = 0;
        foreach (var v in valuesPerSeed)
        {
            squares += (v - mean) * (v - mean);
        }

        var sd = Math.Sqrt(squares / (n - 1));
        var halfWidth = Distributions.StudentTQuantile((1 + level) / 2, n - 1) * sd / Math.Sqrt(n);
        return new SeedSummary(n, mean, sd, new ConfidenceInterval(mean, mean - halfWidth, mean + halfWidth, level, IntervalMethod.StudentT));
    }
}
