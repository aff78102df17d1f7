using MathNet.Numerics;
using MathNet.Numerics.Distributions;

namespace ForgetCloud.Learning.Metrics;

/// <summary>
/// The few distribution functions the uncertainty code needs, with the argument checks and error messages the
/// analysis relies on; the numerics are MathNet.Numerics' (.NET has none of its own).
/// </summary>
public static class Distributions
{
    /// <summary>P(T &lt;= t) for Student's t with <paramref name="degreesOfFreedom"/> &gt; 0.</summary>
    public static double StudentTCdf(double t, double degreesOfFreedom)
    {
        if (!(degreesOfFreedom > 0) || double.IsNaN(t))
        {
            throw new ArgumentOutOfRangeException(
                nameof(degreesOfFreedom), $"Student t needs df > 0 and a number, got df={degreesOfFreedom}, t={t}");
        }

        return StudentT.CDF(0, 1, degreesOfFreedom, t);
    }

    /// <summary>The t value below which <paramref name="probability"/> of Student's t lies.</summary>
    public static double StudentTQuantile(double probability, double degreesOfFreedom)
    {
        if (!(probability > 0 && probability < 1))
            throw new ArgumentOutOfRangeException(nameof(probability), $"Quantile needs 0 < p < 1, got {probability}");
        if (!(degreesOfFreedom > 0))
            throw new ArgumentOutOfRangeException(nameof(degreesOfFreedom), $"Student t needs df > 0, got {degreesOfFreedom}");
        return StudentT.InvCDF(0, 1, degreesOfFreedom, probability);
    }

    /// <summary>The z below which <paramref name="probability"/> of the standard normal lies.</summary>
    public static double StandardNormalQuantile(double probability)
    {
        if (!(probability > 0 && probability < 1))
            throw new ArgumentOutOfRangeException(nameof(probability), $"Quantile needs 0 < p < 1, got {probability}");
        return Normal.InvCDF(0, 1, probability);
    }

    /// <summary>P(X &gt; x) for a chi-square variable with one degree of freedom, as erfc(sqrt(x / 2)): no
    /// cancellation in 1 - CDF for the small p-values a McNemar test can give.</summary>
    public static double ChiSquareSurvivalOneDf(double x)
    {
        if (double.IsNaN(x) || x < 0)
            throw new ArgumentOutOfRangeException(nameof(x), $"Chi-square statistic must be >= 0, got {x}");
        return SpecialFunctions.Erfc(Math.Sqrt(x / 2));
    }

    /// <summary>P(X &lt;= k) for X ~ Binomial(n, 1/2).</summary>
    public static double BinomialCdfHalf(int k, int n)
    {
        if (n < 0 || k < 0 || k > n)
            throw new ArgumentOutOfRangeException(nameof(k), $"Binomial CDF needs 0 <= k <= n, got k={k}, n={n}");
        return Math.Min(1, Binomial.CDF(0.5, n, k));
    }
}
