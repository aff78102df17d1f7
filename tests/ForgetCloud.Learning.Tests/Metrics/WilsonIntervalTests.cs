using ForgetCloud.Learning.Metrics;

namespace ForgetCloud.Learning.Tests.Metrics;

/// <summary>
/// Wilson intervals against values worked by hand from centre = (p + z²/2n)/(1 + z²/n),
/// half = z/(1 + z²/n)·sqrt(p(1-p)/n + z²/4n²), with z_0.975 = 1.959963985 (z² = 3.841458821) and
/// z_0.995 = 2.575829304; 5/20 and 10/30 agree with published tables (Newcombe 1998: 0.1119-0.4687 for 5/20).
/// </summary>
public sealed class WilsonIntervalTests
{
    [Fact]
    public void Zero_of_1319_keeps_an_upper_bound_of_z2_over_n_plus_z2()
    {
        var ci = WilsonInterval.Compute(0, 1319);
        Assert.Equal(0, ci.Estimate);
        Assert.Equal(0, ci.Lower);
        Assert.Equal(3.841458821 / (1319 + 3.841458821), ci.Upper, 9); // 0.0029039450
        Assert.Equal(IntervalMethod.Wilson, ci.Method);
    }

    [Fact]
    public void Five_of_twenty()
    {
        // p = 0.25, z²/n = 0.1920729, centre = 0.3460365 / 1.1920729 = 0.2902837,
        // half = 1.6441 · sqrt(0.009375 + 0.0024009) = 0.1784171.
        var ci = WilsonInterval.Compute(5, 20);
        Assert.Equal(0.25, ci.Estimate, 12);
        Assert.Equal(0.11186170, ci.Lower, 7);
        Assert.Equal(0.46870088, ci.Upper, 7);
        Assert.Equal(0.95, ci.Level);
    }

    [Fact]
    public void Five_of_twenty_at_99_percent_is_wider()
    {
        var ci = WilsonInterval.Compute(5, 20, 0.99);
        Assert.Equal(0.08736391, ci.Lower, 7);
        Assert.Equal(0.53718879, ci.Upper, 7);
    }

    [Fact]
    public void All_correct_mirrors_none_correct()
    {
        var all = WilsonInterval.Compute(20, 20);
        var none = WilsonInterval.Compute(0, 20);
        Assert.Equal(1, all.Upper);
        Assert.Equal(1 - none.Upper, all.Lower, 12);
        Assert.Equal(0.83887484, all.Lower, 7); // 1 - 3.841459 / 23.841459
    }

    [Fact]
    public void Outcomes_are_counted()
    {
        var ci = WilsonInterval.Of(Enumerable.Range(0, 30).Select(i => i % 3 == 0));
        Assert.Equal(10.0 / 30, ci.Estimate, 12);
        Assert.Equal(0.19230498, ci.Lower, 7);
        Assert.Equal(0.51219948, ci.Upper, 7);
    }

    [Fact]
    public void Bad_counts_throw()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => WilsonInterval.Compute(0, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => WilsonInterval.Compute(3, 2));
        Assert.Throws<ArgumentOutOfRangeException>(() => WilsonInterval.Compute(1, 2, 1.0));
    }

    [Theory]
    [InlineData(0.975, 1.959963984540054)]
    [InlineData(0.995, 2.5758293035489)]
    [InlineData(0.5, 0.0)]
    [InlineData(0.025, -1.959963984540054)]
    public void Normal_quantiles_match_published_values(double p, double z) =>
        Assert.Equal(z, Distributions.StandardNormalQuantile(p), 9);
}
