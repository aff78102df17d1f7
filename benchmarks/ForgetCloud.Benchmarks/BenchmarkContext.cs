namespace ForgetCloud.Benchmarks;

/// <summary>What every suite shares: repetitions, the machine's matmul peak for MFU-style ratios, and a log.</summary>
public sealed class BenchmarkContext(int repetitions, int warmups, bool quick, TextWriter log)
{
    private double? _matmulPeak;

    /// <summary>Timed runs per measurement; the median is reported.</summary>
    public int Repetitions { get; } = repetitions;

    public int Warmups { get; } = warmups;

    /// <summary>Smaller sizes for a fast check that the suites still run (not for numbers in the docs).</summary>
    public bool Quick { get; } = quick;

    public TextWriter Log { get; } = log;

    /// <summary>fp32 1024^3 matmul throughput in FLOP/s, measured once per process: the denominator of MFU ratios.</summary>
    public double MatmulPeakFlops => _matmulPeak ??= MatmulPeak.Measure(this);
}
