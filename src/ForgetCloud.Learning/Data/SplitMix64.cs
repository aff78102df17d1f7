namespace ForgetCloud.Learning.Data;

/// <summary>
/// SplitMix64 (Steele, Lea and Flood 2014): a tiny PRNG whose output is fixed by its definition, unlike
/// System.Random's, so data order survives .NET upgrades and checkpoints resume on any runtime.
/// </summary>
public struct SplitMix64(ulong state)
{
    private ulong _state = state;

    /// <summary>The generator for one epoch: a mix of the seed and the epoch, different for every pair.</summary>
    public static SplitMix64 ForEpoch(long seed, int epoch) =>
        new(Mix(Mix((ulong)seed) ^ (ulong)(uint)epoch));

    /// <summary>The SplitMix64 output function (a strong 64-bit mixer).</summary>
    public static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    public ulong NextUInt64()
    {
        _state += 0x9E3779B97F4A7C15UL;
        return Mix(_state);
    }

    /// <summary>Uniform in [0, bound), without modulo bias (rejection sampling).</summary>
    public int NextInt(int bound)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(bound);
        var b = (ulong)bound;
        var limit = ulong.MaxValue - ulong.MaxValue % b;
        ulong x;
        do x = NextUInt64(); while (x >= limit);
        return (int)(x % b);
    }

    /// <summary>Fisher-Yates shuffle in place.</summary>
    public void Shuffle<T>(IList<T> items)
    {
        for (var i = items.Count - 1; i > 0; i--)
        {
            var j = NextInt(i + 1);
            (items[i], items[j]) = (items[j], items[i]);
        }
    }
}
