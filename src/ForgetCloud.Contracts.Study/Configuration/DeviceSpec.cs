using System.Globalization;

namespace ForgetCloud.Contracts.Configuration;

/// <summary>
/// <c>device</c> as written: <c>auto</c>, <c>cpu</c>, <c>cuda</c> (the first CUDA device) or <c>cuda:N</c>. What it
/// resolves to on a machine is decided in one place, ForgetCloud.Learning's <c>ComputeTarget</c>.
/// </summary>
public readonly record struct DeviceSpec(DeviceKind Kind, int? Index = null)
{
    /// <summary><c>auto</c>.</summary>
    public static DeviceSpec Auto { get; } = new(DeviceKind.Auto);

    /// <summary><c>cpu</c>.</summary>
    public static DeviceSpec Cpu { get; } = new(DeviceKind.Cpu);

    /// <summary><c>cuda</c>: the first CUDA device.</summary>
    public static DeviceSpec Cuda { get; } = new(DeviceKind.Cuda);

    /// <summary>The accepted spellings, for error messages.</summary>
    public const string Forms = "auto, cpu, cuda or cuda:N (N = 0, 1, ...)";

    /// <summary>Parses one of <see cref="Forms"/> (exact spelling); false for anything else.</summary>
    public static bool TryParse(string? text, out DeviceSpec spec)
    {
        spec = Auto;
        switch (text)
        {
            case "auto": return true;
            case "cpu": spec = Cpu; return true;
            case "cuda": spec = Cuda; return true;
        }

        if (text is null || !text.StartsWith("cuda:", StringComparison.Ordinal)) return false;
        var digits = text["cuda:".Length..];
        if (digits.Length is 0 or > 4 || !digits.All(char.IsAsciiDigit)) return false;
        spec = new DeviceSpec(DeviceKind.Cuda, int.Parse(digits, CultureInfo.InvariantCulture));
        return true;
    }

    /// <summary>Parses one of <see cref="Forms"/>; throws <see cref="FormatException"/> naming them otherwise.</summary>
    public static DeviceSpec Parse(string text) => TryParse(text, out var spec)
        ? spec
        : throw new FormatException($"device must be {Forms} (got '{text}')");

    /// <summary>The config spelling.</summary>
    public override string ToString() => Kind switch
    {
        DeviceKind.Auto => "auto",
        DeviceKind.Cpu => "cpu",
        _ => Index is { } i ? string.Create(CultureInfo.InvariantCulture, $"cuda:{i}") : "cuda",
    };
}
