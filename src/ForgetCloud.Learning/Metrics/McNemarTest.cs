namespace ForgetCloud.Learning.Metrics;

/// <summary>
/// McNemar's test for two systems scored on the same items (e.g. AdamW vs Muon, per-item GSM8K correctness).
/// With b = only-first-correct and c = only-second-correct:
/// <list type="bullet">
/// <item>b + c &lt; <see cref="ExactThreshold"/> (25): exact test, p = min(1, 2 P(X &lt;= min(b, c))) with
/// X ~ Binomial(b + c, 1/2). The chi-square approximation is poor for few discordant pairs; 25 is the usual cut
/// (e.g. Wikipedia "McNemar's test"; statsmodels' <c>mcnemar</c> docs recommend exact for small counts).</item>
/// <item>otherwise: chi2 = max(0, |b - c| - 1)^2 / (b + c) on 1 degree of freedom (Edwards' continuity
/// correction; like R's <c>mcnemar.test</c>, the correction never overshoots: b = c gives chi2 = 0).</item>
/// <item>b + c = 0: no evidence either way, p = 1 (exact method).</item>
/// </list>
/// </summary>
public static class McNemarTest
{
    /// <summary>Discordant-pair count from which the chi-square approximation is used.</summary>
    public const int ExactThreshold = 25;

    /// <summary>Runs the test on per-item correctness of the two systems (same items, same order).</summary>
    /// <exception cref="ArgumentException">Empty or different-length inputs.</exception>
    public static McNemarResult Compute(IReadOnlyList<bool> firstCorrect, IReadOnlyList<bool> secondCorrect)
    {
        ArgumentNullException.ThrowIfNull(firstCorrect);
        ArgumentNullException.ThrowIfNull(secondCorrect);
        if (firstCorrect.Count == 0)
        {
            throw new ArgumentException("McNemar's test needs at least one paired item", nameof(firstCorrect));
        }

        if (firstCorrect.Count != secondCorrect.Count)
        {
            throw new ArgumentException(
                $"McNemar's test needs paired items: {firstCorrect.Count} vs {secondCorrect.Count}", nameof(secondCorrect));
        }

        int both = 0, onlyFirst = 0, onlySecond = 0, neither = 0;
        for (var i = 0; i < firstCorrect.Count; i++)
        {
            switch (firstCorrect[i], secondCorrect[i])
            {
                case (true, true): both++; break;
                case (true, false): onlyFirst++; break;
                case (false, true): onlySecond++; break;
                default: neither++; break;
            }
        }

        return FromCounts(both, onlyFirst, onlySecond, neither);
    }

    /// <summary>Runs the test from the 2x2 table's counts.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A negative count.</exception>
    public static McNemarResult FromCounts(int bothCorrect, int onlyFirstCorrect, int onlySecondCorrect, int bothWrong)
    {
        if (bothCorrect < 0 || onlyFirstCorrect < 0 || onlySecondCorrect < 0 || bothWrong < 0)
        {
            throw new ArgumentOutOfRangeException(
                nameof(onlyFirstCorrect),
                $"McNemar counts must be >= 0, got [{bothCorrect}, {onlyFirstCorrect}, {onlySecondCorrect}, {bothWrong}]");
        }

        var b = onlyFirstCorrect;
        var c = onlySecondCorrect;
        var n = b + c;
        if (n < ExactThreshold)
        {
            var p = n == 0 ? 1.0 : Math.Min(1.0, 2 * Distributions.BinomialCdfHalf(Math.Min(b, c), n));
            return new McNemarResult(bothCorrect, b, c, bothWrong, p, McNemarMethod.ExactBinomial, null);
        }

        var excess = Math.Max(0, Math.Abs(b - c) - 1);
        var chi2 = (double)excess * excess / n;
        return new McNemarResult(
            bothCorrect, b, c, bothWrong, Distributions.ChiSquareSurvivalOneDf(chi2),
            McNemarMethod.ChiSquareContinuityCorrected, chi2);
    }
}
