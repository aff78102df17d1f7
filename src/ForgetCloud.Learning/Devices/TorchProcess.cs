using System.Runtime.InteropServices;

namespace ForgetCloud.Learning.Devices;

/// <summary>
/// What a process that computes with libtorch sets for itself at start-up, so the CLI, the Trainer, the Evaluator and
/// the benchmarks run as fast as a tuned wrapper script would, with no environment set (docs/benchmarks.md measures it).
/// </summary>
public static class TorchProcess
{
    // glibc's mallopt parameters (malloc.h).
    private const int MallocTrimThreshold = -1;
    private const int MallocMmapMax = -4;

    private static readonly Lock Gate = new();
    private static string? _configured;

    /// <summary>
    /// Configures the allocator once per process and returns a line saying what was set. glibc serves every
    /// allocation above 32 MiB (the logits of a batch, the activations of a layer) with a fresh mmap and returns it
    /// with munmap on free, so a training step page-faults its largest buffers in again every time. Keeping them in the
    /// heap (no mmap, no trimming) makes them reusable, as tcmalloc does. <c>MALLOC_MMAP_MAX_</c> set in the
    /// environment (glibc's own tunable) wins.
    /// </summary>
    public static string Configure()
    {
        lock (Gate)
        {
            return _configured ??= ConfigureAllocator();
        }
    }

    private static string ConfigureAllocator()
    {
        if (!OperatingSystem.IsLinux()) return "allocator: the platform's default";
        if (Environment.GetEnvironmentVariable("MALLOC_MMAP_MAX_") is not null) return "allocator: glibc as MALLOC_MMAP_MAX_ sets it";
        if (Environment.GetEnvironmentVariable("LD_PRELOAD") is { } preload && preload.Contains("malloc", StringComparison.Ordinal))
            return $"allocator: preloaded {preload}";
        try
        {
            var ok = mallopt(MallocMmapMax, 0) == 1 & mallopt(MallocTrimThreshold, int.MaxValue) == 1;
            return ok ? "allocator: glibc, large buffers kept in the heap (mmap off, no trim)" : "allocator: glibc defaults (mallopt refused)";
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            // musl and other C libraries have no mallopt: their allocator stays as it is.
            return "allocator: the C library's default (no mallopt)";
        }
    }

    [DllImport("libc", EntryPoint = "mallopt")]
    private static extern int mallopt(int parameter, int value);
}
