using System.Runtime.InteropServices;

namespace ForgetCloud.Reporting.History;

/// <summary>Where a study ran.</summary>
/// <param name="Device">The torch device used (e.g. <c>cpu</c>, <c>cuda:0 (NVIDIA H100)</c>).</param>
public sealed record MachineInfo(
    string HostName, string OperatingSystem, string ProcessArchitecture, int ProcessorCount, string Runtime, string Device)
{
    /// <summary>Reads this process's machine. Impure: call it at the edge (the CLI, a service), not in analysis code.</summary>
    public static MachineInfo Current(string device) => new(
        Environment.MachineName,
        RuntimeInformation.OSDescription,
        RuntimeInformation.ProcessArchitecture.ToString(),
        Environment.ProcessorCount,
        RuntimeInformation.FrameworkDescription,
        device);
}
