using ForgetCloud.Learning.Metrics;

namespace ForgetCloud.Learning.Tests.Metrics;

public sealed class BootstrapTests
{
    [Fact]
    public void Constant_values_give_a_zero_width_interval()
    {
        var values = Enumerable.Repeat(0.7, 50).ToArray();

        var ci = Bootstrap.Mean(values);

        Assert.Equal(0.7, ci.Estimate, 12);
        Assert.Equal(0.7, ci.Lower, 12);
        Assert.Equal(0.7, ci.Upper, 12);
        Assert.Equal(0.0, ci.Width, 12);
    }

    [Theory]
    [InlineData(100)]
    [InlineData(400)]
    [InlineData(1600)]
    public void Interval_contains_the_mean_and_has_the_normal_theory_width(int n)
    {
        // exactly 30% correct items: the sample mean is the true mean 0.3; the percentile interval's width must be
        // close to the normal approximation 2 * 1.96 * sqrt(p (1 - p) / n).
        var values = Enumerable.Range(0, n).Select(i => i % 10 < 3 ? 1.0 : 0.0).ToArray();

        var ci = Bootstrap.Mean(values, new BootstrapOptions(Resamples: 2000, Seed: 7));

        var expectedWidth = 2 * 1.959964 * Math.Sqrt(0.3 * 0.7 / n);
        Assert.Equal(0.3, ci.Estimate, 12);
        Assert.True(ci.Lower < 0.3 && 0.3 < ci.Upper, $"[{ci.Lower}, {ci.Upper}] should contain 0.3");
        Assert.InRange(ci.Width, 0.85 * expectedWidth, 1.15 * expectedWidth);
    }

    [Fact]
    public void Interval_narrows_as_the_sample_grows()
    {
        double WidthFor(int n) =>
            Bootstrap.Mean(Enumerable.Range(0, n).Select(i => i % 10 < 3 ? 1.0 : 0.0).ToArray()).Width;

        var w100 = WidthFor(100);
        var w1600 = WidthFor(1600);

        Assert.True(w1600 < w100 / 3, $"width {w1600} at n=1600 should be about a quarter of {w100} at n=100");
    }

    [Fact]
    public void Same_seed_same_interval_and_another_seed_another_interval()
    {
        var values = Enumerable.Range(0, 200).Select(i => Math.Sin(i) * 3 + 1).ToArray();

        var a = Bootstrap.Mean(values, new BootstrapOptions(Seed: 11));
        var b = Bootstrap.Mean(values, new BootstrapOptions(Seed: 11));
        var c = Bootstrap.Mean(values, new BootstrapOptions(Seed: 12));

        Assert.Equal(a, b);
        Assert.NotEqual(a.Lower, c.Lower);
        Assert.Equal(a.Estimate, c.Estimate);
    }

    [Fact]
    public void Paired_difference_of_a_constant_shift_is_exact()
    {
        var before = Enumerable.Range(0, 80).Select(i => 1.0 + (i % 7)).ToArray();
        var after = before.Select(v => v + 0.5).ToArray();

        var ci = Bootstrap.PairedDifference(after, before);

        Assert.Equal(0.5, ci.Estimate, 12);
        Assert.Equal(0.5, ci.Lower, 12);
        Assert.Equal(0.5, ci.Upper, 12);
    }

    [Fact]
    public void Pairing_removes_the_between_item_variance()
    {
        // items vary a lot (0..9), the stage effect is a small +0.1 with small per-item noise: only the paired
        // interval resolves it.
        var before = Enumerable.Range(0, 300).Select(i => (double)(i * 7 % 10)).ToArray();
        var after = before.Select((v, i) => v + 0.1 + (i % 3 - 1) * 0.05).ToArray();

        var paired = Bootstrap.PairedDifference(after, before);
        var unpaired = Bootstrap.UnpairedDifference(after, before);

        Assert.Equal(0.1, paired.Estimate, 12);
        Assert.Equal(0.1, unpaired.Estimate, 12);
        Assert.True(paired.Excludes(0), $"paired [{paired.Lower}, {paired.Upper}] should exclude 0");
        Assert.False(unpaired.Excludes(0), $"unpaired [{unpaired.Lower}, {unpaired.Upper}] should include 0");
        Assert.True(paired.Width < unpaired.Width / 10);
    }

    [Fact]
    public void Unpaired_difference_of_constants_is_exact()
    {
        var ci = Bootstrap.UnpairedDifference(Enumerable.Repeat(1.0, 20).ToArray(), Enumerable.Repeat(0.25, 30).ToArray());
        Assert.Equal(0.75, ci.Lower, 12);
        Assert.Equal(0.75, ci.Upper, 12);
    }

    [Fact]
    public void Statistic_resamples_columns_together()
    {
        // difference of two optimizers' forgetting, per item: (after2 - after1) of X minus the same of Y.
        // Y forgets nothing, X forgets exactly 0.2 on every item -> the interval is exactly [0.2, 0.2].
        var y1 = Enumerable.Range(0, 60).Select(i => (double)(i % 5)).ToArray();
        var x1 = y1.Select(v => v * 2).ToArray();
        var x2 = x1.Select(v => v + 0.2).ToArray();
        double Statistic(IReadOnlyList<int> idx) => idx.Average(i => (x2[i] - x1[i]) - (y1[i] - y1[i]));

        var ci = Bootstrap.Statistic(60, Statistic);

        Assert.Equal(0.2, ci.Estimate, 12);
        Assert.Equal(0.2, ci.Lower, 12);
        Assert.Equal(0.2, ci.Upper, 12);
    }

    [Theory]
    [InlineData(0.0, 1.0)]
    [InlineData(0.25, 1.75)]
    [InlineData(0.5, 2.5)]
    [InlineData(1.0, 4.0)]
    public void Quantile_interpolates_like_numpy(double q, double expected) =>
        Assert.Equal(expected, Bootstrap.Quantile([4.0, 2.0, 1.0, 3.0], q), 12);

    [Fact]
    public void Bad_inputs_throw()
    {
        double[] values = [1, 2, 3];
        Assert.Throws<ArgumentException>(() => Bootstrap.Mean([]));
        Assert.Throws<ArgumentException>(() => Bootstrap.Mean([1, double.NaN]));
        Assert.Throws<ArgumentOutOfRangeException>(() => Bootstrap.Mean(values, new BootstrapOptions(Resamples: 10)));
        Assert.Throws<ArgumentOutOfRangeException>(() => Bootstrap.Mean(values, new BootstrapOptions(Level: 1.0)));
        var error = Assert.Throws<ArgumentException>(() => Bootstrap.PairedDifference(values, [1, 2]));
        Assert.Contains("3 vs 2", error.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentOutOfRangeException>(() => Bootstrap.Statistic(0, _ => 0));
    }
}
