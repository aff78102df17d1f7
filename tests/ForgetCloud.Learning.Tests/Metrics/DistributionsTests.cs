using ForgetCloud.Learning.Metrics;

namespace ForgetCloud.Learning.Tests.Metrics;

public sealed class DistributionsTests
{
    [Theory]
    // published two-sided 95% critical values of Student's t
    [InlineData(1, 12.706204736174707)]
    [InlineData(2, 4.302652729749464)]
    [InlineData(4, 2.7764451051977934)]
    [InlineData(9, 2.2621571627982053)]
    [InlineData(30, 2.0422724563012373)]
    public void Student_t_quantile_matches_tables(int df, double expected) =>
        Assert.Equal(expected, Distributions.StudentTQuantile(0.975, df), 9);

    [Fact]
    public void Student_t_cdf_is_symmetric()
    {
        Assert.Equal(0.5, Distributions.StudentTCdf(0, 5), 14);
        Assert.Equal(0.95, Distributions.StudentTCdf(2.015048372669157, 5), 10); // t(0.95, 5)
        Assert.Equal(0.05, Distributions.StudentTCdf(-2.015048372669157, 5), 10);
        Assert.Equal(-2.015048372669157, Distributions.StudentTQuantile(0.05, 5), 9);
    }

    [Fact]
    public void Chi_square_one_df_tail()
    {
        Assert.Equal(0.05, Distributions.ChiSquareSurvivalOneDf(3.841458820694124), 10); // 95th percentile
        Assert.Equal(1.0, Distributions.ChiSquareSurvivalOneDf(0), 14);
        Assert.Equal(0.3173105078629141, Distributions.ChiSquareSurvivalOneDf(1), 10); // P(|Z| > 1)
    }

    [Fact]
    public void Binomial_half_cdf()
    {
        Assert.Equal(79.0 / 4096.0, Distributions.BinomialCdfHalf(2, 12), 14);
        Assert.Equal(1.0, Distributions.BinomialCdfHalf(12, 12), 12);
        // Symmetry: P(X <= n/2 - 1) + P(X >= n/2 + 1) + P(X = n/2) = 1 for even n, and the two tails are equal.
        var below = Distributions.BinomialCdfHalf(999, 2000);
        Assert.Equal(1.0, (2 * below) + (Distributions.BinomialCdfHalf(1000, 2000) - below), 12);
    }

    [Fact]
    public void Chi_square_tail_stays_accurate_for_tiny_p_values()
    {
        // P(chi2_1 > 40) = P(|Z| > sqrt 40) = 2.5396e-10 (normal tables); 1 - CDF in doubles would keep ~6 digits.
        Assert.Equal(2.539628e-10, Distributions.ChiSquareSurvivalOneDf(40), 15);
    }

    [Fact]
    public void Normal_quantile_matches_tables()
    {
        Assert.Equal(1.959963984540054, Distributions.StandardNormalQuantile(0.975), 12);
        Assert.Equal(-2.5758293035489, Distributions.StandardNormalQuantile(0.005), 11);
    }
}
