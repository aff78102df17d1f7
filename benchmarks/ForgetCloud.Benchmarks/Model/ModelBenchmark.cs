using ForgetCloud.Learning.Modeling;
using static TorchSharp.torch;

namespace ForgetCloud.Benchmarks.Model;

/// <summary>
/// The tiny preset as a model: forward-only inference throughput in fp32 and bf16 beside same-process matmul peaks,
/// and peak memory of inference and of a full training step, each in a fresh process.
/// </summary>
public sealed class ModelBenchmark : IBenchmark
{
    public string Name => "model";

    public string Description => "tiny preset: forward tokens/s (fp32, bf16) vs matmul peak; peak memory of inference and a training step";

    public IReadOnlyList<MarkdownTable> Run(BenchmarkContext context)
    {
        var (batch, length) = context.Quick ? (2, 64) : (8, 256);
        var fp32Peak = context.MatmulPeakFlops;
        var bf16Peak = Bf16MatmulPeak(context);
        string[] dtypes = ["fp32", "bf16"];

        var throughput = new MarkdownTable($"Model: tiny forward-only inference, batch {batch} x T {length}",
            "dtype", "tokens/s", "model GFLOP/s (2·N·tokens/s)", "÷ fp32 matmul peak", "÷ bf16 matmul peak");
        foreach (var dtype in dtypes)
        {
            using var model = ModelFactory.Create(ModelPresets.Tiny, ModelWorkloads.ParseDType(dtype));
            model.eval();
            using var ids = ModelWorkloads.RandomIds(model.Config, batch, length);
            var n = ModelWorkloads.MatmulParameters(model);
            var seconds = Measure.MedianSeconds(context, () => ModelWorkloads.Forward(model, ids));
            var tokensPerSecond = batch * length / seconds;
            var flops = 2.0 * n * tokensPerSecond;
            context.Log.WriteLine($"forward {dtype}: {seconds * 1e3:F1} ms median, N = {n:N0} matmul parameters");
            throughput.Add(dtype, tokensPerSecond, flops / 1e9, flops / fp32Peak, flops / bf16Peak);
        }

        var memory = new MarkdownTable($"Model: tiny peak resident memory, batch {batch} x T {length} (fresh process each)",
            "workload", "dtype", "peak RSS (MiB)", "above RSS after setup (MiB)");
        foreach (var workload in new[] { ModelWorkloads.Inference, ModelWorkloads.Training })
        {
            foreach (var dtype in dtypes)
            {
                var (peak, setup) = ModelMemoryProbe.RunInChild(workload, dtype, batch, length);
                context.Log.WriteLine($"memory {workload} {dtype}: peak {peak / 1048576.0:F0} MiB, after setup {setup / 1048576.0:F0} MiB");
                memory.Add(workload == ModelWorkloads.Training ? "training step (full, AdamW)" : "inference (forward)", dtype,
                    peak / 1048576.0, (peak - setup) / 1048576.0);
            }
        }

        return [throughput, memory];
    }

    /// <summary>bf16 1024^3 matmul FLOP/s in this process: the fairer denominator for bf16 (AMX on this CPU).</summary>
    private static double Bf16MatmulPeak(BenchmarkContext context)
    {
        const int n = 1024;
        using var scope = NewDisposeScope();
        var a = randn(n, n).to_type(ScalarType.BFloat16);
        var b = randn(n, n).to_type(ScalarType.BFloat16);
        var seconds = Measure.MedianSeconds(context, () => mm(a, b).Dispose());
        var flops = 2.0 * n * n * n / seconds;
        context.Log.WriteLine($"bf16 matmul peak: {flops / 1e9:F1} GFLOP/s (bf16 {n}^3, {get_num_threads()} threads)");
        return flops;
    }
}
