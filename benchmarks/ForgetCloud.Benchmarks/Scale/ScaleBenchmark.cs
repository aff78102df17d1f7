using System.Text.Json;
using ForgetCloud.Learning.Devices;

namespace ForgetCloud.Benchmarks.Scale;

/// <summary>
/// Llama-3.2-1B's shape on this machine: load time, memory of the base, scoring and generation speed, and a LoRA
/// step, for fp32, bf16 (only where the CPU computes it natively) and the 4-bit bases; each configuration in a fresh
/// process so its peak RSS is its own.
/// </summary>
public sealed class ScaleBenchmark : IBenchmark
{
    private const double MiB = 1024 * 1024;

    public string Name => "scale";

    public string Description => "Llama-3.2-1B shape (random bf16 weights, real config and tokenizer): load, peak RSS, score, generate, LoRA step; fp32, bf16, NF4/FP4";

    public IReadOnlyList<MarkdownTable> Run(BenchmarkContext context)
    {
        var directory = ScaleFixture.Ensure(context.Quick, context.Log);
        var native = CpuInfo.Current.HasNativeBf16;
        var auto = native ? "bf16" : "fp32";
        var shape = context.Quick ? "quick shape (2 layers, width 256, vocab 128256)" : "Llama-3.2-1B shape";

        var infer = new MarkdownTable($"Scale: {shape}, load + score {ScaleProbe.ScoreTokens} tokens + generate {ScaleProbe.NewTokens} (fresh process each)",
            "dtype", "base", "load s", "projections MiB", "base MiB", "load adds RSS MiB", "peak RSS MiB", "score s", "forward tokens/s", "generate s/token", "mean NLL", "ΔNLL vs unquantized");
        var unquantizedNll = new Dictionary<string, double>();
        var inferRuns = new List<(string Dtype, string Quant)> { ("fp32", "none") };
        if (native) inferRuns.Add(("bf16", "none"));
        inferRuns.AddRange([(auto, "nf4"), (auto, "nf4-dq"), (auto, "fp4")]);
        foreach (var (dtype, quant) in inferRuns)
        {
            var m = Probe(context, "infer", directory, dtype, quant, checkpointing: false);
            if (quant == "none") unquantizedNll[dtype] = m.MeanNll!.Value;
            var delta = quant == "none" ? "" : (m.MeanNll!.Value - unquantizedNll[dtype]).ToString("+0.0000;-0.0000", System.Globalization.CultureInfo.InvariantCulture);
            infer.Add(dtype, BaseName(quant), m.LoadSeconds, m.ProjectionBytes / MiB, m.BaseBytes / MiB, (m.ResidentAfterLoad - m.ResidentBeforeLoad) / MiB,
                m.PeakResident / MiB, m.ScoreSeconds!.Value, ScaleProbe.ScoreTokens / m.ScoreSeconds.Value, m.GenerateSecondsPerToken!.Value,
                m.MeanNll!.Value.ToString("F4", System.Globalization.CultureInfo.InvariantCulture), delta);
        }

        var lora = new MarkdownTable($"Scale: {shape}, LoRA r16 (all seven projections) AdamW step, batch 1 x T {ScaleProbe.StepTokens} (median of 2 after a warm-up)",
            "dtype", "base", "gradient checkpointing", "step s", "tokens/s", "peak RSS MiB");
        var loraRuns = new List<(string Dtype, string Quant, bool Checkpointing)> { ("fp32", "none", false), ("fp32", "none", true) };
        if (native) loraRuns.Add(("bf16", "none", true));
        loraRuns.Add((auto, "nf4", true));
        foreach (var (dtype, quant, checkpointing) in loraRuns)
        {
            var m = Probe(context, "lora", directory, dtype, quant, checkpointing);
            lora.Add(dtype, BaseName(quant), checkpointing ? "on" : "off", m.StepSeconds!.Value, ScaleProbe.StepTokens / m.StepSeconds.Value, m.PeakResident / MiB);
        }

        if (!native) context.Log.WriteLine("bf16 rows skipped: this CPU has neither AMX nor AVX512-BF16, where libtorch's bf16 matmul is scalar");
        return [infer, lora];
    }

    private static ScaleMeasurement Probe(BenchmarkContext context, string workload, string directory, string dtype, string quant, bool checkpointing)
    {
        var output = ChildProcess.Run(ScaleProbe.Flag, workload, directory, dtype, quant, checkpointing ? "1" : "0");
        var measurement = JsonSerializer.Deserialize<ScaleMeasurement>(output.Trim().Split('\n')[^1])
            ?? throw new InvalidOperationException($"scale probe {workload} {dtype} {quant} printed nothing");
        context.Log.WriteLine($"  {workload} {dtype} {quant}{(checkpointing ? " ckpt" : "")}: {JsonSerializer.Serialize(measurement)}");
        return measurement;
    }

    private static string BaseName(string quant) => quant switch
    {
        "none" => "full precision",
        "nf4-dq" => "NF4 + double quant",
        _ => quant.ToUpperInvariant(),
    };
}
