namespace ForgetCloud.Learning.Devices;

/// <summary>The configured device does not exist here (e.g. <c>device: cuda</c> on a machine or build without CUDA).
/// Raised before any work, so nothing is half done.</summary>
public sealed class DeviceUnavailableException(string message) : ArgumentException(message);
