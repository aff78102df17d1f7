using ForgetCloud.Learning.Quantization;

namespace ForgetCloud.Learning.Tests.Quantization;

public sealed class FourBitCodebookTests
{
    [Fact]
    public void Nf4LevelsAreNormalQuantilesScaledToUnitRange()
    {
        // QLoRA appendix E / bitsandbytes create_normal_map(offset = 0.9677083): 8 positive quantiles from
        // linspace(offset, 0.5, 9)[:-1], 7 negative from linspace(offset, 0.5, 8)[:-1], an exact zero, then / max.
        const double offset = 0.9677083;
        var positive = Linspace(offset, 0.5, 9).SkipLast(1).Select(NormalQuantile);
        var negative = Linspace(offset, 0.5, 8).SkipLast(1).Select(p => -NormalQuantile(p));
        var levels = positive.Concat(negative).Append(0.0).Order().ToArray();
        var max = levels.Max();
        var expected = levels.Select(v => v / max).ToArray();

        Assert.Equal(16, FourBitCodebook.Nf4.Length);
        for (var i = 0; i < 16; i++) Assert.Equal(expected[i], FourBitCodebook.Nf4[i], 1e-6);
    }

    [Fact]
    public void Fp4LevelsAreTwoBitExponentOneBitMantissaFloatsOverTwelve()
    {
        // Normal numbers 2^e (1 + m / 2) for e in 1..3, m in 0..1, the subnormal 0.0625 and zero, both signs.
        var magnitudes = new List<double> { 0, 0.0625 };
        for (var e = 1; e <= 3; e++)
            for (var m = 0; m <= 1; m++) magnitudes.Add(Math.Pow(2, e) * (1 + m / 2.0));
        var expected = magnitudes.Select(v => -v / 12).Concat(magnitudes.Select(v => v / 12)).Order().ToArray();

        Assert.Equal(expected.Length, FourBitCodebook.Fp4.Length);
        for (var i = 0; i < expected.Length; i++) Assert.Equal(expected[i], FourBitCodebook.Fp4[i], 1e-7);
        Assert.Equal(1.0f, FourBitCodebook.Fp4.Max());
    }

    [Fact]
    public void BothCodebooksAreAscending()
    {
        foreach (var levels in new[] { FourBitCodebook.Nf4, FourBitCodebook.Fp4 })
            for (var i = 1; i < levels.Length; i++) Assert.True(levels[i] >= levels[i - 1]);
    }

    private static IEnumerable<double> Linspace(double from, double to, int count) =>
        Enumerable.Range(0, count).Select(i => from + (to - from) * i / (count - 1));

    // Bisection on the normal CDF, with erf from its Taylor series (converges fast for |x| < 3).
    private static double NormalQuantile(double p)
    {
        double lo = -6, hi = 6;
        for (var i = 0; i < 200; i++)
        {
            var mid = (lo + hi) / 2;
            if (0.5 * (1 + Erf(mid / Math.Sqrt(2))) < p) lo = mid; else hi = mid;
        }
        return (lo + hi) / 2;
    }

    private static double Erf(double x)
    {
        double sum = 0, term = x;
        for (var n = 0; n < 100; n++)
        {
            sum += term / (2 * n + 1);
            term *= -x * x / (n + 1);
        }
        return 2 / Math.Sqrt(Math.PI) * sum;
    }
}
