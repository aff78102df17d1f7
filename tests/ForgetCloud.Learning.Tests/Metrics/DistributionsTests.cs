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
    public void Binomial_half_cdf_and_log_gamma()
    {
        Assert.Equal(79.0 / 4096.0, Distributions.BinomialCdfHalf(2, 12), 14);
        Assert.Equal(1.0, Distributions.BinomialCdfHalf(12, 12), 12);
        Assert.Equal(0.5723649429247004, Distributions.LogGamma(0.5), 12); // ln sqrt(pi)
        Assert.Equal(13.48203678613836, Distributions.LogGamma(10.3), 10);
        Assert.Equal(Math.Log(120), Distributions.LogGamma(6), 12);
    }
}
