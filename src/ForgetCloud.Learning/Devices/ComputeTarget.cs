using ForgetCloud.Contracts.Configuration;
using TorchSharp;
using static TorchSharp.torch;

namespace ForgetCloud.Learning.Devices;

/// <summary>
/// Where and in what precision a process computes: the one place that turns <c>device</c> and <c>dtype</c> into a
/// torch device and dtype for this machine. Everything that makes tensors takes them from here (models are built on
/// <see cref="Device"/>; batches, masks and caches follow the model's device).
/// </summary>
public sealed record ComputeTarget(
    DeviceSpec Requested,
    Device Device,
    Precision RequestedDtype,
    Precision Dtype,
    GpuInfo? Gpu,
    CpuInfo Cpu,
    string? Warning)
{
    public bool IsCuda => Device.type == DeviceType.CUDA;

    /// <summary>The model's compute dtype: bf16 or fp32 (trainable weights and optimizer state are always fp32).</summary>
    public ScalarType ScalarType => Dtype == Precision.Bf16 ? ScalarType.BFloat16 : ScalarType.Float32;

    /// <summary>"bf16" or "fp32": what checkpoints and logs record.</summary>
    public string DtypeName => ConfigNames.Of(Dtype);

    /// <summary>"cuda:0 NVIDIA H200 (139.8 GiB, compute capability 9.0)" or "cpu AMD EPYC (avx2 fma ...)".</summary>
    public string DeviceDescription => IsCuda
        ? $"{Device} {(Gpu?.ToString() ?? "(properties unavailable: no CUDA driver library)")}"
        : $"cpu {Cpu}";

    /// <summary>One line for logs: device, precision and why.</summary>
    public string Summary =>
        $"device {DeviceDescription}; dtype {DtypeName}{(RequestedDtype == Precision.Auto ? $" (auto: {AutoReason})" : "")}; torch threads {get_num_threads()}";

    private string AutoReason => IsCuda
        ? Dtype == Precision.Bf16 ? "compute capability >= 8.0" : "compute capability below 8.0"
        : Dtype == Precision.Bf16 ? "the CPU has native bf16 (amx_bf16 / avx512_bf16)" : "the CPU has no native bf16 (neither amx_bf16 nor avx512_bf16)";

    /// <summary>The target of a study config on this machine.</summary>
    public static ComputeTarget For(StudyConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        return Resolve(config.Device, config.Dtype);
    }

    /// <summary>
    /// Resolves <paramref name="device"/> and <paramref name="dtype"/> on this machine. <c>cuda</c> where there is none
    /// throws <see cref="DeviceUnavailableException"/>; an explicit bf16 on a CPU without native bf16 runs, with a
    /// <see cref="Warning"/> that says why it will be slow.
    /// </summary>
    public static ComputeTarget Resolve(DeviceSpec device, Precision dtype) =>
        Resolve(device, dtype, CudaDeviceCount(), CpuInfo.Current, CudaDriver.Describe);

    /// <summary>The decision itself, over given hardware facts (unit-tested without the hardware).</summary>
    public static ComputeTarget Resolve(DeviceSpec device, Precision dtype, int cudaDevices, CpuInfo cpu, Func<int, GpuInfo?> describeGpu)
    {
        ArgumentNullException.ThrowIfNull(cpu);
        ArgumentNullException.ThrowIfNull(describeGpu);
        int? cudaIndex = device.Kind switch
        {
            DeviceKind.Cpu => null,
            DeviceKind.Auto => cudaDevices > 0 ? 0 : null,
            _ => device.Index ?? 0,
        };
        if (device.Kind == DeviceKind.Cuda)
        {
            if (cudaDevices == 0)
            {
                throw new DeviceUnavailableException(
                    $"device {device}: CUDA is not available here (this TorchSharp build or machine has no CUDA device); " +
                    "use device: auto or cpu, or the CUDA build (docs/gpu.md)");
            }

            if (cudaIndex >= cudaDevices)
                throw new DeviceUnavailableException($"device {device}: this machine has {cudaDevices} CUDA device(s), numbered 0..{cudaDevices - 1}");
        }

        var gpu = cudaIndex is { } i ? describeGpu(i) : null;
        // Without the driver's properties, auto keeps fp32: correct everywhere, merely slower on a bf16-capable GPU.
        var native = cudaIndex is null ? cpu.HasNativeBf16 : gpu?.HasNativeBf16 ?? false;
        var resolved = dtype switch
        {
            Precision.Auto => native ? Precision.Bf16 : Precision.Fp32,
            _ => dtype,
        };
        string? warning = null;
        if (dtype == Precision.Bf16 && !native)
        {
            warning = cudaIndex is null
                ? $"dtype bf16 on a CPU without native bf16 ({cpu}: neither amx_bf16 nor avx512_bf16): libtorch runs bf16 " +
                  "matrix products through a scalar fallback, about 20x slower than fp32; use dtype: auto or fp32"
                : $"dtype bf16 on {gpu?.ToString() ?? $"cuda:{cudaIndex}"}: below compute capability 8.0 bf16 has no tensor-core support and is slow; use dtype: auto or fp32";
        }

        var torchDevice = cudaIndex is { } index ? new Device(DeviceType.CUDA, index) : CPU;
        return new ComputeTarget(device, torchDevice, dtype, resolved, gpu, cpu, warning);
    }

    private static int CudaDeviceCount()
    {
        try
        {
            return cuda.is_available() ? cuda.device_count() : 0;
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return 0;
        }
    }
}
