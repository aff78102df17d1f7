namespace ForgetCloud.Learning.Metrics;

/// <summary>
/// McNemar's test on paired per-item correctness of two systems A and B evaluated on the same items.
/// </summary>
/// <param name="BothCorrect">Items both got right.</param>
/// <param name="OnlyFirstCorrect">b: items only A got right.</param>
/// <param name="OnlySecondCorrect">c: items only B got right.</param>
/// <param name="BothWrong">Items both got wrong.</param>
/// <param name="PValue">Two-sided p-value of H0: P(only A right) = P(only B right).</param>
/// <param name="Method">Exact binomial or continuity-corrected chi-square (see <see cref="McNemarTest"/>).</param>
/// <param name="ChiSquare">The corrected statistic (|b - c| - 1)^2 / (b + c) when that method was used, else null.</param>
public sealed record McNemarResult(
    int BothCorrect,
    int OnlyFirstCorrect,
    int OnlySecondCorrect,
    int BothWrong,
    double PValue,
    McNemarMethod Method,
    double? ChiSquare)
{
    /// <summary>Discordant pairs b + c: the only items that carry information about the difference.</summary>
    public int Discordant => OnlyFirstCorrect + OnlySecondCorrect;
}
