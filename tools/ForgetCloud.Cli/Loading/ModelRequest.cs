using ForgetCloud.Contracts.Configuration;

namespace ForgetCloud.Cli.Loading;

/// <summary>What to load: the <c>--model</c> spec, an optional adapter directory, the device and the precision
/// (resolved on this machine by <c>ComputeTarget</c>), and the 4-bit codebook when the base is loaded in 4 bits.</summary>
public sealed record ModelRequest(string Model, string? Adapter, DeviceSpec Device, Precision Dtype, FourBitQuantType? FourBit = null, bool DoubleQuant = false);
