using System.Runtime.InteropServices;
using ForgetCloud.Learning.Modeling;
using static TorchSharp.torch;

namespace ForgetCloud.Learning.Devices;

/// <summary>
/// What a process that computes with libtorch sets for itself, so the CLI, the Trainer, the Evaluator and the
/// benchmarks run as fast as a tuned wrapper script would, with no environment set (docs/benchmarks.md measures it).
/// </summary>
public static class TorchProcess
{
    // glibc's mallopt parameters (malloc.h) and its default trim threshold.
    private const int MallocTrimThreshold = -1;
    private const int MallocMmapMax = -4;
    private const int GlibcMmapMax = 65536;
    private const int GlibcTrimThreshold = 128 * 1024;

    /// <summary>
    /// Peak resident memory of a study per byte of model weights with the heap policy, measured on the Llama-3.2-1B
    /// shape (17.3 GB for 4.9 GB of fp32 weights, 8.8 GB for 2.5 GB of bf16; docs/benchmarks.md), rounded up.
    /// </summary>
    private const double HeapPeakPerWeightByte = 4.0;

    private static readonly Lock Gate = new();
    private static string? _configured;
    private static bool _heap;

    /// <summary>
    /// Configures the allocator once per process and returns a line saying what was set. glibc serves large
    /// allocations (the logits of a batch, the activations of a layer) with a fresh mmap and returns them with munmap
    /// on free, so a training step page-faults its largest buffers in again every time. Keeping them in the heap (no
    /// mmap, no trimming) makes them reusable, as tcmalloc does: 1.7-2.5x faster tiny-model training.
    /// <c>MALLOC_MMAP_MAX_</c> set in the environment (glibc's own tunable) wins.
    /// </summary>
    public static string Configure()
    {
        lock (Gate)
        {
            return _configured ??= ConfigureAllocator();
        }
    }

    /// <summary>
    /// Adapts the allocator to the model about to be computed with, on this machine. A heap that never shrinks keeps
    /// every freed model-sized buffer, and a study builds one model after another: the Llama-3.2-1B shape in fp32
    /// peaked at 17.3 GB with the heap policy against 7.3 GB with mmap and trimming (19 % slower). So the heap stays
    /// only while <see cref="HeapPeakPerWeightByte"/> times the weights fits in half the memory this process may use;
    /// otherwise large buffers go back to mmap and the heap is trimmed. One way: a process that has seen a large model
    /// stays on mmap. Returns a line for the log.
    /// </summary>
    public static string ConfigureFor(LlamaConfig architecture, ScalarType dtype)
    {
        ArgumentNullException.ThrowIfNull(architecture);
        var weights = ParameterCount.Model(architecture) * (dtype == ScalarType.Float32 ? 4L : 2L);
        var memory = GC.GetGCMemoryInfo().TotalAvailableMemoryBytes;
        return ConfigureFor(weights, memory);
    }

    /// <summary><see cref="ConfigureFor(LlamaConfig, ScalarType)"/> with the sizes given.</summary>
    public static string ConfigureFor(long weightBytes, long memoryBytes)
    {
        lock (Gate)
        {
            var configured = _configured ??= ConfigureAllocator();
            var keepHeap = KeepsHeap(weightBytes, memoryBytes);
            if (!_heap || keepHeap) return configured;
            // Leaving the heap policy: what glibc does with MALLOC_MMAP_MAX_ set (the measured 7.3 GB run).
            _heap = false;
            _configured = mallopt(MallocMmapMax, GlibcMmapMax) == 1 & mallopt(MallocTrimThreshold, GlibcTrimThreshold) == 1
                ? $"allocator: glibc with mmap and trimming ({Gib(weightBytes)} of weights x {HeapPeakPerWeightByte} exceeds half of {Gib(memoryBytes)})"
                : "allocator: glibc, large buffers kept in the heap (mallopt refused to restore mmap)";
            return _configured;
        }
    }

    /// <summary>The policy's rule, alone: keep the heap while its expected peak fits in half the memory.</summary>
    public static bool KeepsHeap(long weightBytes, long memoryBytes) => weightBytes * HeapPeakPerWeightByte <= memoryBytes / 2.0;

    private static string Gib(long bytes) => FormattableString.Invariant($"{bytes / (double)(1L << 30):F1} GiB");

    private static string ConfigureAllocator()
    {
        if (!OperatingSystem.IsLinux()) return "allocator: the platform's default";
        if (Environment.GetEnvironmentVariable("MALLOC_MMAP_MAX_") is not null) return "allocator: glibc as MALLOC_MMAP_MAX_ sets it";
        if (Environment.GetEnvironmentVariable("LD_PRELOAD") is { } preload && preload.Contains("malloc", StringComparison.Ordinal))
            return $"allocator: preloaded {preload}";
        try
        {
            _heap = mallopt(MallocMmapMax, 0) == 1 & mallopt(MallocTrimThreshold, int.MaxValue) == 1;
            return _heap ? "allocator: glibc, large buffers kept in the heap (mmap off, no trim)" : "allocator: glibc defaults (mallopt refused)";
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
