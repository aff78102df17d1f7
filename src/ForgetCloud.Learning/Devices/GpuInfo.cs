namespace ForgetCloud.Learning.Devices;

/// <summary>A CUDA device as the driver describes it.</summary>
public sealed record GpuInfo(int Index, string Name, long TotalMemoryBytes, int ComputeMajor, int ComputeMinor)
{
    /// <summary>bf16 tensor cores: compute capability 8.0 (Ampere) and later.</summary>
    public bool HasNativeBf16 => ComputeMajor >= 8;

    public string ComputeCapability => $"{ComputeMajor}.{ComputeMinor}";

    /// <summary>"NVIDIA H200 (139.8 GiB, compute capability 9.0)".</summary>
    public override string ToString() =>
        FormattableString.Invariant($"{Name} ({TotalMemoryBytes / (double)(1L << 30):F1} GiB, compute capability {ComputeCapability})");
}
