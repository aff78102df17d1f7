using ForgetCloud.Learning.Metrics;

namespace ForgetCloud.Learning.Tests.Metrics;

public sealed class SeedStatisticsTests
{
    [Fact]
    public void Four_seeds_give_mean_sample_sd_and_t_interval()
    {
        // mean 0.35; deviations -0.05 -0.01 0 0.06 -> squares sum 0.0062; sd = sqrt(0.0062 / 3) = 0.0454606...
        // half-width = t(0.975, 3) * sd / sqrt(4) = 3.182446305284263 * 0.0454606 / 2 = 0.0723379682539468
        var summary = SeedStatistics.Summarize([0.30, 0.34, 0.35, 0.41]);

        Assert.Equal(4, summary.Count);
        Assert.Equal(0.35, summary.Mean, 12);
        Assert.Equal(0.04546060565661951, summary.StandardDeviation!.Value, 12);
        Assert.Equal(0.35 - 0.07233796825394681, summary.Interval!.Lower, 9);
        Assert.Equal(0.35 + 0.07233796825394681, summary.Interval.Upper, 9);
    }

    [Fact]
    public void Two_seeds_use_the_wide_one_degree_of_freedom_quantile()
    {
        // mean 2, sd sqrt(2), half-width = 12.706204736174707 * sqrt(2) / sqrt(2)
        var summary = SeedStatistics.Summarize([1.0, 3.0]);
        Assert.Equal(2 - 12.706204736174707, summary.Interval!.Lower, 8);
        Assert.Equal(2 + 12.706204736174707, summary.Interval.Upper, 8);
    }

    [Fact]
    public void One_seed_has_no_spread()
    {
        var summary = SeedStatistics.Summarize([0.42]);
        Assert.Equal(0.42, summary.Mean);
        Assert.Null(summary.StandardDeviation);
        Assert.Null(summary.Interval);
    }

    [Fact]
    public void Bad_inputs_throw()
    {
        Assert.Throws<ArgumentException>(() => SeedStatistics.Summarize([]));
        Assert.Throws<ArgumentException>(() => SeedStatistics.Summarize([1, double.PositiveInfinity]));
        Assert.Throws<ArgumentOutOfRangeException>(() => SeedStatistics.Summarize([1, 2], level: 0));
    }
}
