using static TorchSharp.torch;

namespace ForgetCloud.Benchmarks;

/// <summary>The CPU's practical peak: an fp32 1024x1024x1024 matmul, measured in the same process as the suites.</summary>
public static class MatmulPeak
{
    public static double Measure(BenchmarkContext context)
    {
        const int n = 1024;
        using var scope = NewDisposeScope();
        var a = randn(n, n);
        var b = randn(n, n);
        var seconds = Benchmarks.Measure.MedianSeconds(context, () => mm(a, b).Dispose());
        var flops = 2.0 * n * n * n / seconds;
        context.Log.WriteLine($"matmul peak: {flops / 1e9:F1} GFLOP/s (fp32 {n}^3, {get_num_threads()} threads)");
        return flops;
    }
}
