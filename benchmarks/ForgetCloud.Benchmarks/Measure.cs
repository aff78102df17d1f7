using System.Diagnostics;

namespace ForgetCloud.Benchmarks;

/// <summary>Timing and memory helpers: medians over repetitions, because these machines are noisy.</summary>
public static class Measure
{
    /// <summary>Runs <paramref name="action"/> warmups + repetitions times and returns the median seconds.</summary>
    public static double MedianSeconds(BenchmarkContext context, Action action)
    {
        for (var i = 0; i < context.Warmups; i++)
            action();

        var samples = new double[context.Repetitions];
        for (var i = 0; i < samples.Length; i++)
        {
            var watch = Stopwatch.StartNew();
            action();
            samples[i] = watch.Elapsed.TotalSeconds;
        }

        return Median(samples);
    }

    public static double Median(IReadOnlyList<double> values)
    {
        if (values.Count == 0)
            throw new ArgumentException("no samples", nameof(values));
        var sorted = values.Order().ToArray();
        var mid = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }

    /// <summary>Peak resident set size of this process so far (VmHWM), in bytes; libtorch's allocations included.</summary>
    public static long PeakResidentBytes()
    {
        const string status = "/proc/self/status";
        if (File.Exists(status))
        {
            foreach (var line in File.ReadLines(status))
            {
                if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
                    return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]) * 1024;
            }
        }

        return Process.GetCurrentProcess().PeakWorkingSet64;
    }

    /// <summary>Current resident set size (VmRSS), in bytes.</summary>
    public static long ResidentBytes()
    {
        Process.GetCurrentProcess().Refresh();
        return Process.GetCurrentProcess().WorkingSet64;
    }
}
