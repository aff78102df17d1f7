using ForgetCloud.Contracts.Configuration;

namespace ForgetCloud.Learning.Quantization;

/// <summary>The 16 levels a 4-bit code stands for, in ascending order, on [-1, 1] (a block's values are divided by
/// the block's absolute maximum before they are rounded to the nearest level).</summary>
public static class FourBitCodebook
{
    /// <summary>
    /// NormalFloat4 (QLoRA, Dettmers et al. 2023, appendix E; bitsandbytes' <c>create_normal_map</c>): quantiles of
    /// N(0, 1) for 8 positive and 7 negative levels plus an exact zero, scaled to [-1, 1], so each level is equally
    /// likely for normally distributed weights.
    /// </summary>
    public static readonly float[] Nf4 =
    [
        -1.0f, -0.6961928009986877f, -0.5250730514526367f, -0.39491748809814453f,
        -0.28444138169288635f, -0.18477343022823334f, -0.09105003625154495f, 0.0f,
        0.07958029955625534f, 0.16093020141124725f, 0.24611230194568634f, 0.33791524171829224f,
        0.44070982933044434f, 0.5626170039176941f, 0.7229568362236023f, 1.0f,
    ];

    /// <summary>
    /// bitsandbytes' FP4 (1 sign, 2 exponent, 1 mantissa bit): magnitudes {0, 0.0625, 2, 3, 4, 6, 8, 12} / 12 with
    /// both signs; the two zeros (+0, -0) decode alike.
    /// </summary>
    public static readonly float[] Fp4 = BuildFp4();

    public static float[] For(FourBitQuantType type) => type switch
    {
        FourBitQuantType.Nf4 => Nf4,
        FourBitQuantType.Fp4 => Fp4,
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "unknown 4-bit quantization type"),
    };

    private static float[] BuildFp4()
    {
        float[] magnitudes = [0f, 0.0625f, 2f, 3f, 4f, 6f, 8f, 12f];
        return magnitudes.Select(m => -m / 12f).Reverse().Concat(magnitudes.Select(m => m / 12f)).ToArray();
    }
}
