namespace ForgetCloud.Learning.Data;

/// <summary>Real tokens versus the tokens the padded batches occupy over an epoch.</summary>
public sealed record PaddingStatistics(int Batches, long RealTokens, long PaddedTokens)
{
    /// <summary>Real / padded: 1 means no padding at all.</summary>
    public double Efficiency => PaddedTokens == 0 ? 1.0 : (double)RealTokens / PaddedTokens;

    public override string ToString() =>
        $"{Batches} batches, {RealTokens} real of {PaddedTokens} padded tokens ({Efficiency:P1} efficiency)";
}
