using System.Collections.Frozen;

namespace ForgetCloud.Learning.Devices;

/// <summary>
/// The CPU as <c>/proc/cpuinfo</c> describes it: model name and feature flags. The flags decide the precision
/// (<see cref="HasNativeBf16"/>): libtorch runs bf16 matrix products through oneDNN's AMX or AVX512-BF16 kernels where
/// the CPU has them, and through a scalar fallback (~20x slower than fp32) where it has neither.
/// </summary>
public sealed record CpuInfo(string ModelName, FrozenSet<string> Flags)
{
    /// <summary>The flags that decide speed, in the order they are reported.</summary>
    public static IReadOnlyList<string> RelevantFlagNames { get; } =
        ["avx2", "fma", "avx512f", "avx512_bf16", "amx_tile", "amx_bf16", "amx_int8"];

    private static readonly Lazy<CpuInfo> Machine = new(ReadMachine);

    /// <summary>This machine's CPU (read once).</summary>
    public static CpuInfo Current => Machine.Value;

    /// <summary>bf16 matrix products in hardware: AMX (<c>amx_bf16</c>) or AVX512-BF16 (<c>avx512_bf16</c>).</summary>
    public bool HasNativeBf16 => Flags.Contains("amx_bf16") || Flags.Contains("avx512_bf16");

    /// <summary>Which of <see cref="RelevantFlagNames"/> this CPU has.</summary>
    public IReadOnlyList<string> RelevantFlags => [.. RelevantFlagNames.Where(Flags.Contains)];

    /// <summary>"AMD EPYC (avx2 fma avx512f avx512_bf16)".</summary>
    public override string ToString() =>
        RelevantFlags.Count == 0 ? ModelName : $"{ModelName} ({string.Join(' ', RelevantFlags)})";

    /// <summary>Parses the text of <c>/proc/cpuinfo</c> (x86 <c>model name</c> / <c>flags</c>; ARM <c>Features</c>);
    /// the first processor block describes them all.</summary>
    public static CpuInfo Parse(string procCpuinfo)
    {
        ArgumentNullException.ThrowIfNull(procCpuinfo);
        string? model = null, flags = null;
        foreach (var line in procCpuinfo.Split('\n'))
        {
            var colon = line.IndexOf(':');
            if (colon < 0) continue;
            var key = line[..colon].Trim();
            var value = line[(colon + 1)..].Trim();
            if (model is null && key is "model name" or "Model" or "cpu model") model = value;
            else if (flags is null && key is "flags" or "Features") flags = value;
            if (model is not null && flags is not null) break;
        }

        return new CpuInfo(
            string.IsNullOrEmpty(model) ? "unknown CPU" : model,
            (flags ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries).ToFrozenSet(StringComparer.Ordinal));
    }

    private static CpuInfo ReadMachine()
    {
        const string path = "/proc/cpuinfo";
        // No /proc (macOS, Windows): no flags known, so auto precision stays fp32, the safe choice.
        return File.Exists(path) ? Parse(File.ReadAllText(path)) : new CpuInfo(
            System.Runtime.InteropServices.RuntimeInformation.ProcessArchitecture.ToString(), FrozenSet<string>.Empty);
    }
}
