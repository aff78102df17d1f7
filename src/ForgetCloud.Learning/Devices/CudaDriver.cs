using System.Runtime.InteropServices;
using System.Text;

namespace ForgetCloud.Learning.Devices;

/// <summary>
/// Name, memory and compute capability of CUDA devices, from the CUDA driver API (<c>libcuda.so.1</c>, installed with
/// the NVIDIA driver): TorchSharp exposes the device count but not the properties that decide bf16. The driver numbers
/// devices as the CUDA runtime does, honouring <c>CUDA_VISIBLE_DEVICES</c>.
/// </summary>
internal static class CudaDriver
{
    private const string Library = "libcuda.so.1";
    private const int AttributeComputeCapabilityMajor = 75;
    private const int AttributeComputeCapabilityMinor = 76;

    /// <summary>The device's properties, or null where no driver can be loaded or it does not know the device.</summary>
    public static GpuInfo? Describe(int index)
    {
        try
        {
            if (cuInit(0) != 0 || cuDeviceGet(out var device, index) != 0) return null;
            var name = new byte[256];
            if (cuDeviceGetName(name, name.Length, device) != 0) return null;
            if (cuDeviceTotalMem_v2(out var memory, device) != 0) return null;
            if (cuDeviceGetAttribute(out var major, AttributeComputeCapabilityMajor, device) != 0) return null;
            if (cuDeviceGetAttribute(out var minor, AttributeComputeCapabilityMinor, device) != 0) return null;
            var length = Array.IndexOf(name, (byte)0);
            return new GpuInfo(index, Encoding.ASCII.GetString(name, 0, length < 0 ? name.Length : length), (long)memory, major, minor);
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return null;
        }
    }

    [DllImport(Library)]
    private static extern int cuInit(uint flags);

    [DllImport(Library)]
    private static extern int cuDeviceGet(out int device, int ordinal);

    [DllImport(Library)]
    private static extern int cuDeviceGetName([Out] byte[] name, int length, int device);

    [DllImport(Library)]
    private static extern int cuDeviceTotalMem_v2(out nuint bytes, int device);

    [DllImport(Library)]
    private static extern int cuDeviceGetAttribute(out int value, int attribute, int device);
}
