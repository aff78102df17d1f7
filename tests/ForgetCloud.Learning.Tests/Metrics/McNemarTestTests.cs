using ForgetCloud.Learning.Metrics;

namespace ForgetCloud.Learning.Tests.Metrics;

public sealed class McNemarTestTests
{
    [Fact]
    public void Exact_p_value_for_b10_c2()
    {
        // n = 12, P(X <= 2) = (C(12,0) + C(12,1) + C(12,2)) / 2^12 = (1 + 12 + 66) / 4096 = 79/4096;
        // two-sided p = 2 * 79/4096 = 0.03857421875
        var result = McNemarTest.FromCounts(bothCorrect: 50, onlyFirstCorrect: 10, onlySecondCorrect: 2, bothWrong: 38);

        Assert.Equal(McNemarMethod.ExactBinomial, result.Method);
        Assert.Equal(79.0 / 2048.0, result.PValue, 12);
        Assert.Null(result.ChiSquare);
        Assert.Equal(12, result.Discordant);
    }

    [Fact]
    public void Exact_p_value_is_symmetric_and_capped_at_one()
    {
        // b = 3, c = 9: 2 * (1 + 12 + 66 + 220) / 4096 = 598/4096 = 0.14599609375
        Assert.Equal(598.0 / 4096.0, McNemarTest.FromCounts(0, 3, 9, 0).PValue, 12);
        Assert.Equal(598.0 / 4096.0, McNemarTest.FromCounts(0, 9, 3, 0).PValue, 12);
        // b = c = 5: 2 * P(X <= 5 | n = 10) = 2 * 638/1024 > 1 -> 1
        Assert.Equal(1.0, McNemarTest.FromCounts(0, 5, 5, 0).PValue);
        Assert.Equal(1.0, McNemarTest.FromCounts(7, 0, 0, 3).PValue);
    }

    [Fact]
    public void Chi_square_with_continuity_correction_for_many_discordant_pairs()
    {
        // b = 30, c = 15: chi2 = (15 - 1)^2 / 45 = 196/45; p = erfc(sqrt(chi2 / 2)) = 0.03688842570704985
        var result = McNemarTest.FromCounts(0, 30, 15, 0);

        Assert.Equal(McNemarMethod.ChiSquareContinuityCorrected, result.Method);
        Assert.Equal(196.0 / 45.0, result.ChiSquare!.Value, 12);
        Assert.Equal(0.03688842570704985, result.PValue, 10);
    }

    [Fact]
    public void Method_switches_at_25_discordant_pairs()
    {
        Assert.Equal(McNemarMethod.ExactBinomial, McNemarTest.FromCounts(0, 12, 12, 0).Method);
        var balanced = McNemarTest.FromCounts(0, 13, 12, 0);
        Assert.Equal(McNemarMethod.ChiSquareContinuityCorrected, balanced.Method);
        Assert.Equal(0.0, balanced.ChiSquare); // |13 - 12| - 1 = 0: the correction does not overshoot
        Assert.Equal(1.0, balanced.PValue, 12);
    }

    [Fact]
    public void Compute_counts_the_paired_table()
    {
        bool[] first = [true, true, false, false, true, false];
        bool[] second = [true, false, true, false, false, false];

        var result = McNemarTest.Compute(first, second);

        Assert.Equal(1, result.BothCorrect);
        Assert.Equal(2, result.OnlyFirstCorrect);
        Assert.Equal(1, result.OnlySecondCorrect);
        Assert.Equal(2, result.BothWrong);
        Assert.Equal(1.0, result.PValue); // 2 * P(X <= 1 | n = 3) = 2 * 4/8 = 1
    }

    [Fact]
    public void Bad_inputs_throw()
    {
        Assert.Throws<ArgumentException>(() => McNemarTest.Compute([], []));
        Assert.Throws<ArgumentException>(() => McNemarTest.Compute([true], [true, false]));
        Assert.Throws<ArgumentOutOfRangeException>(() => McNemarTest.FromCounts(0, -1, 2, 0));
    }
}
