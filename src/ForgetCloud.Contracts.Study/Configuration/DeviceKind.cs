namespace ForgetCloud.Contracts.Configuration;

/// <summary>The kind of device of a <see cref="DeviceSpec"/>.</summary>
public enum DeviceKind
{
    /// <summary><c>auto</c>: CUDA when the TorchSharp build and the machine have it, otherwise the CPU.</summary>
    Auto,

    /// <summary><c>cuda</c> or <c>cuda:N</c>: a CUDA device; an error where there is none.</summary>
    Cuda,

    /// <summary><c>cpu</c>: the CPU.</summary>
    Cpu,
}
