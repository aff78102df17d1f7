namespace ForgetCloud.Learning.Metrics;

/// <summary>Settings of a percentile bootstrap.</summary>
/// <param name="Resamples">Number of bootstrap resamples (at least 100).</param>
/// <param name="Level">Confidence level, strictly between 0 and 1.</param>
/// <param name="Seed">Seed of the resampling RNG: same seed, same inputs, same interval.</param>
public sealed record BootstrapOptions(int Resamples = 1000, double Level = 0.95, int Seed = 20240601)
{
    /// <summary>The defaults: 1000 resamples, 95%, a fixed seed.</summary>
    public static BootstrapOptions Default { get; } = new();

    internal void Validate()
    {
        if (Resamples < 100)
        {
            throw new ArgumentOutOfRangeException(
                nameof(Resamples), $"Bootstrap needs at least 100 resamples for a percentile interval, got {Resamples}");
        }

        if (!(Level > 0 && Level < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(Level), $"Confidence level must be in (0, 1), got {Level}");
        }
    }
}
