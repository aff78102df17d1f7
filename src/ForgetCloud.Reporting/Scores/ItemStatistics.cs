namespace ForgetCloud.Reporting.Scores;

/// <summary>Per-item columns reduced over one bootstrap resample's item indices.</summary>
internal static class ItemStatistics
{
    /// <summary>sum(numerators[i]) / sum(denominators[i]) over the indices: a token-weighted mean NLL when the
    /// numerators are per-item NLL sums and the denominators per-item token counts, an accuracy when they are 0/1
    /// and 1.</summary>
    public static double Ratio(double[] numerators, double[] denominators, IReadOnlyList<int> indices)
    {
        double numerator = 0, denominator = 0;
        foreach (var i in indices)
        {
            numerator += numerators[i];
            denominator += denominators[i];
        }

        return numerator / denominator;
    }

    public static double[] Ones(int count)
    {
        var ones = new double[count];
        Array.Fill(ones, 1.0);
        return ones;
    }

    public static double[] Indicator(IEnumerable<bool> values) => values.Select(v => v ? 1.0 : 0.0).ToArray();
}
