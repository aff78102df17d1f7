using ForgetCloud.Contracts.Configuration;
using ForgetCloud.Learning.Checkpoints;
using ForgetCloud.Learning.Data;
using ForgetCloud.Learning.Modeling;
using ForgetCloud.Learning.Training;
using static TorchSharp.torch;

namespace ForgetCloud.Benchmarks;

/// <summary>
/// Training throughput on the tiny preset (one optimizer step = forward + backward + clipping + update, batch 8 x 256
/// tokens of synthetic ids, every position scored) for fp32/bf16 x full/LoRA x AdamW/Muon, with an MFU-style ratio
/// against the fp32 matmul peak; and checkpoint save / load time and size.
/// </summary>
public sealed class TrainingBenchmark : IBenchmark
{
    private const int BatchSize = 8;

    public string Name => "training";

    public string Description => "tiny preset: training tokens/s (fp32/bf16 x full/LoRA x AdamW/Muon), checkpoint save/load";

    public IReadOnlyList<MarkdownTable> Run(BenchmarkContext context)
    {
        var time = context.Quick ? 64 : 256;
        var peak = context.MatmulPeakFlops;
        var batch = SyntheticBatch(ModelPresets.Tiny.Config.VocabSize, BatchSize, time);
        var tokens = (double)BatchSize * time;
        var steps = new MarkdownTable(
            $"Training step, tiny preset, batch {BatchSize} x T {time} (median of {context.Repetitions}; fp32 matmul peak {peak / 1e9:F0} GFLOP/s)",
            "dtype", "mode", "optimizer", "trainable params", "step ms", "tokens/s", "MFU (6·N·tok/s ÷ peak)");
        var n = MatmulParameters(ModelPresets.Tiny.Config);
        foreach (var dtype in new[] { Precision.Fp32, Precision.Bf16 })
        foreach (var lora in new[] { false, true })
        foreach (var optimizer in new[] { OptimizerKind.AdamW, OptimizerKind.Muon })
        {
            var config = StudyConfig(lora, dtype);
            using var model = ModelFactory.Create(ModelPresets.Tiny, dtype == Precision.Bf16 ? ScalarType.BFloat16 : ScalarType.Float32);
            StageModelSetup.Prepare(model, config.Model, stage: 1, seed: 1);
            using var weights = new TrainableWeights(model);
            using var opt = TrainingOptimizerFactory.Create(optimizer, config.Optimizer, config.Training.Stage1, weights.Masters);
            model.train();
            var seconds = Measure.MedianSeconds(context, () => TrainingStep.Run(model, weights, opt, [batch], 1.0, 1e-4));
            var tokensPerSecond = tokens / seconds;
            steps.Add(dtype.ToString().ToLowerInvariant(), lora ? "LoRA r16" : "full", opt.Name, weights.ElementCount,
                seconds * 1e3, tokensPerSecond, 6.0 * n * tokensPerSecond / peak);
            context.Log.WriteLine($"  {dtype} {(lora ? "lora" : "full")} {opt.Name}: {seconds * 1e3:F0} ms/step, {tokensPerSecond:F0} tokens/s");
        }

        return [steps, Checkpoints(context, batch)];
    }

    private static MarkdownTable Checkpoints(BenchmarkContext context, Batch batch)
    {
        var table = new MarkdownTable(
            $"Stage checkpoint, tiny preset, fp32, AdamW state (median of {context.Repetitions}; save = write + fsync + SHA-256 manifest + rename; load = verify + weights + optimizer state)",
            "mode", "files MB", "save ms", "load ms");
        foreach (var lora in new[] { false, true })
        {
            var config = StudyConfig(lora, Precision.Fp32);
            using var model = ModelFactory.Create(ModelPresets.Tiny);
            StageModelSetup.Prepare(model, config.Model, stage: 1, seed: 1);
            using var weights = new TrainableWeights(model);
            using var opt = TrainingOptimizerFactory.Create(OptimizerKind.AdamW, config.Optimizer, config.Training.Stage1, weights.Masters);
            TrainingStep.Run(model, weights, opt, [batch], 1.0, 1e-4); // real, non-zero optimizer state
            var root = Directory.CreateTempSubdirectory("forgetcloud-bench-ckpt-").FullName;
            try
            {
                var yaml = StudyConfigLoader.ToYaml(config);
                var step = 0L;
                string Save()
                {
                    using var state = opt.ExportState();
                    var trainer = new TrainerState
                    {
                        Stage = 1, Optimizer = opt.Name, Lora = lora, Dtype = "fp32", Seed = 1, Step = ++step, TotalSteps = 1_000_000,
                        Epoch = 0, DataEpoch = 0, DataBatchIndex = 0, BatchesPerEpoch = 1, BatchSize = BatchSize, GradientAccumulationSteps = 1,
                        LearningRate = 1e-4, SkippedSteps = 0, ConsecutiveSkippedSteps = 0, ElapsedSeconds = 0,
                        OptimizerCounters = new Dictionary<string, long>(state.Counters), Completed = false,
                    };
                    return StageCheckpoint.Save(root, trainer, model, weights.Masters, lora ? StageModelSetup.LoraConfigFor(config.Model) : null,
                        state, yaml);
                }

                var save = Measure.MedianSeconds(context, () => Save());
                var last = StageCheckpoint.FindLatest(root, 1)!;
                var bytes = Directory.EnumerateFiles(last).Sum(f => new FileInfo(f).Length);
                var load = Measure.MedianSeconds(context, () =>
                {
                    var checkpoint = StageCheckpoint.Load(last);
                    checkpoint.LoadTrainableWeights(weights.Masters);
                    using var state = checkpoint.ReadOptimizerState();
                    opt.ImportState(state);
                });
                table.Add(lora ? "LoRA r16" : "full", bytes / 1e6, save * 1e3, load * 1e3);
            }
            finally
            {
                Directory.Delete(root, recursive: true);
            }
        }

        return table;
    }

    /// <summary>tiny.yaml's model block (LoRA r16, alpha 32, dropout 0.1 on all seven projections) and AdamW/Muon blocks.</summary>
    private static StudyConfig StudyConfig(bool lora, Precision dtype)
    {
        var defaults = new StudyConfig();
        return defaults with
        {
            Model = defaults.Model with { Name = "tiny", UseLora = lora, LoraRank = 16, LoraAlpha = 32, LoraDropout = 0.1 },
            Dtype = dtype,
        };
    }

    /// <summary>Random ids (fixed seed), full length, every next-token position scored.</summary>
    internal static Batch SyntheticBatch(int vocab, int batch, int time)
    {
        var rng = new SplitMix64(12345);
        var ids = new long[batch * time];
        for (var i = 0; i < ids.Length; i++) ids[i] = rng.NextInt(vocab);
        var attention = Enumerable.Repeat(1L, ids.Length).ToArray();
        var labels = new long[ids.Length];
        for (var r = 0; r < batch; r++)
            for (var t = 0; t < time - 1; t++) labels[r * time + t] = 1;
        return new Batch(DataPosition.Start, batch, time, ids, attention, labels, [.. Enumerable.Range(0, batch).Select(i => $"synthetic-{i}")]);
    }

    /// <summary>
    /// N for the MFU ratio: the weights a token passes through as matmuls (attention and MLP projections of every
    /// layer, plus the output head, counted once even when tied); norms and the embedding lookup are not matmuls.
    /// Attention's T² score/value products are left out, as in the usual 6·N·D estimate.
    /// </summary>
    public static long MatmulParameters(LlamaConfig c)
    {
        var headDim = c.HeadDim;
        var attention = c.HiddenSize * headDim * (2L * c.NumAttentionHeads + 2L * c.NumKeyValueHeads);
        var mlp = 3L * c.HiddenSize * c.IntermediateSize;
        return c.NumHiddenLayers * (attention + mlp) + (long)c.VocabSize * c.HiddenSize;
    }
}
