namespace ForgetCloud.Contracts.Configuration;

/// <summary>Where tensors live (<c>device</c>).</summary>
public enum DeviceKind
{
    /// <summary><c>auto</c>: CUDA when the TorchSharp build and the machine have it, otherwise the CPU.</summary>
    Auto,

    /// <summary><c>cuda</c>: the first CUDA device; an error where there is none.</summary>
    Cuda,

    /// <summary><c>cpu</c>: the CPU.</summary>
    Cpu,
}
