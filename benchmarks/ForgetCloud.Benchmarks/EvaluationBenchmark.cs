using System.Diagnostics;
using ForgetCloud.Learning.Data;
using ForgetCloud.Learning.Evaluation;
using ForgetCloud.Learning.Generation;
using ForgetCloud.Learning.Modeling;
using ForgetCloud.Learning.Tokenization;
using static TorchSharp.torch;

namespace ForgetCloud.Benchmarks;

/// <summary>
/// Inference and evaluation on the <c>tiny</c> preset: generation tokens/s with and without the KV cache, batched
/// scoring tokens/s, and the wall time of full GSM8K and AQUA-RAT test passes through <see cref="ModelEvaluator"/>.
/// The model is randomly initialized, so it never emits EOS or a stop string: every generation runs to
/// max_new_tokens, the worst case a trained model can only improve on.
/// </summary>
public sealed class EvaluationBenchmark : IBenchmark
{
    public string Name => "evaluation";

    public string Description => "tiny preset: generation with/without KV cache, scoring, full GSM8K / AQUA-RAT test passes";

    public IReadOnlyList<MarkdownTable> Run(BenchmarkContext context)
    {
        var preset = ModelPresets.Tiny;
        var flopsPerToken = 2.0 * NonEmbeddingParameters(preset.Config);
        var peak = context.MatmulPeakFlops;

        var throughput = new MarkdownTable(
            $"Inference throughput, tiny preset ({get_num_threads()} threads; MFU = 2 x matmul params x tokens/s / matmul peak {peak / 1e9:F0} GFLOP/s)",
            "what", "dtype", "batch", "tokens", "median s", "tokens/s", "MFU");
        foreach (var dtype in new[] { ScalarType.Float32, ScalarType.BFloat16 })
        {
            using var model = ModelFactory.Create(preset, dtype);
            model.eval();
            var dtypeName = dtype == ScalarType.Float32 ? "fp32" : "bf16";
            const int promptLength = 128;
            foreach (var batch in new[] { 1, 32 })
            {
                var newTokens = context.Quick ? 8 : 64;
                var prompts = RandomPrompts(batch, promptLength, preset.Config.VocabSize, seed: 1);
                var generator = new GreedyGenerator(model);
                var options = new GenerationOptions { MaxNewTokens = newTokens, PadTokenId = 0 };
                var cached = Measure.MedianSeconds(context, () => generator.Generate(prompts, options));
                Row(throughput, $"generate, KV cache (prompt {promptLength} + {newTokens} new)", dtypeName, batch, batch * newTokens, cached, flopsPerToken, peak, context.Log);

                // Without the cache every step re-runs the whole sequence; fewer steps keep the run short.
                var uncachedTokens = context.Quick ? 4 : 16;
                var slow = new BenchmarkContext(Math.Min(context.Repetitions, 3), 1, context.Quick, context.Log);
                var uncached = Measure.MedianSeconds(slow, () => GenerateWithoutCache(model, prompts, uncachedTokens));
                Row(throughput, $"generate, no cache (prompt {promptLength} + {uncachedTokens} new)", dtypeName, batch, batch * uncachedTokens, uncached, flopsPerToken, peak, context.Log);
            }

            // Scoring: 64 sequences of 256 tokens, the second half scored (like prompt + gold answer).
            var scoring = RandomPrompts(64, 256, preset.Config.VocabSize, seed: 2).Select(p => new ScoringRequest([.. p], 128)).ToList();
            var seconds = Measure.MedianSeconds(context, () => BatchedSequenceScorer.Score(model, scoring, 32, 0));
            Row(throughput, "score, batch 32 (256 tokens, 128 scored)", dtypeName, 32, 64 * 256, seconds, flopsPerToken, peak, context.Log);
        }

        var passes = new MarkdownTable(
            "Full test passes, tiny preset, bf16, batch 32 (one timed run each; random init, so every generation runs to max_new_tokens)",
            "test set", "items", "max_new_tokens", "generation s", "target NLL s", "option scoring s", "total s", "items/s");
        var data = new DatasetLoader(new LocalDatasetSource(DataDirectory()));
        var gsm8k = data.LoadGsm8kAsync("test").GetAwaiter().GetResult();
        var aquaRat = data.LoadAquaRatAsync("test").GetAwaiter().GetResult();
        var tokenizer = TokenizerFactory.FromName(preset.TokenizerName);
        using (var model = ModelFactory.Create(preset, ScalarType.BFloat16))
        {
            var limit = context.Quick ? 64 : (int?)null;
            foreach (var maxNewTokens in new[] { 128, 256 })
            {
                var options = new EvaluationOptions { BatchSize = 32, MaxNewTokens = context.Quick ? 16 : maxNewTokens, Gsm8kMaxExamples = limit, AquaRatMaxExamples = limit };
                var evaluator = new ModelEvaluator(model, tokenizer, options);
                var phases = new PhaseTimer();
                var items = evaluator.EvaluateGsm8k(gsm8k, phases).Count;
                passes.Add("GSM8K test", items, options.MaxNewTokens, phases[EvaluationPhase.Generation], phases[EvaluationPhase.TargetScoring], "-", phases.Total, items / phases.Total);
                context.Log.WriteLine($"GSM8K pass, {items} items at {options.MaxNewTokens} new tokens: generation {phases[EvaluationPhase.Generation]:F1} s, answer NLL {phases[EvaluationPhase.TargetScoring]:F1} s, total {phases.Total:F1} s");
            }

            var aquaOptions = new EvaluationOptions { BatchSize = 32, MaxNewTokens = context.Quick ? 16 : 256, AquaRatMaxExamples = limit };
            var aquaPhases = new PhaseTimer();
            var aquaItems = new ModelEvaluator(model, tokenizer, aquaOptions).EvaluateAquaRat(aquaRat, aquaPhases).Count;
            context.Log.WriteLine($"AQUA-RAT pass, {aquaItems} items: {aquaPhases.Total:F1} s");
            passes.Add("AQUA-RAT test (5 options each)", aquaItems, aquaOptions.MaxNewTokens, aquaPhases[EvaluationPhase.Generation],
                aquaPhases[EvaluationPhase.TargetScoring], aquaPhases[EvaluationPhase.OptionScoring], aquaPhases.Total, aquaItems / aquaPhases.Total);
        }

        var memory = new MarkdownTable("Memory", "measure", "value");
        memory.Add("peak resident set of the benchmark process", $"{Measure.PeakResidentBytes() / (1024.0 * 1024 * 1024):F2} GiB");
        return [throughput, passes, memory];
    }

    private static void Row(MarkdownTable table, string what, string dtype, int batch, int tokens, double seconds, double flopsPerToken, double peak, TextWriter log)
    {
        table.Add(what, dtype, batch, tokens, seconds, tokens / seconds, $"{100 * flopsPerToken * tokens / seconds / peak:F1}%");
        // Logged as measured: the full passes that follow take minutes.
        log.WriteLine($"{what}, {dtype}, batch {batch}: {tokens / seconds:F1} tokens/s ({seconds:F2} s)");
    }

    /// <summary>Weights of every matmul a token goes through (layers and head; the embedding lookup is not a matmul).</summary>
    private static double NonEmbeddingParameters(LlamaConfig c)
    {
        double attention = c.HiddenSize * (double)c.HeadDim * (2 * c.NumAttentionHeads + 2 * c.NumKeyValueHeads);
        double mlp = 3.0 * c.HiddenSize * c.IntermediateSize;
        return c.NumHiddenLayers * (attention + mlp) + (double)c.HiddenSize * c.VocabSize;
    }

    private static IReadOnlyList<IReadOnlyList<int>> RandomPrompts(int count, int length, int vocab, int seed)
    {
        var random = new Random(seed);
        return [.. Enumerable.Range(0, count).Select(_ => (IReadOnlyList<int>)[.. Enumerable.Range(0, length).Select(_ => random.Next(1, vocab))])];
    }

    /// <summary>Greedy decoding that re-runs the full sequence at every step (equal-length prompts, so no mask).</summary>
    private static void GenerateWithoutCache(LlamaForCausalLM model, IReadOnlyList<IReadOnlyList<int>> prompts, int newTokens)
    {
        using var inference = inference_mode();
        using var scope = NewDisposeScope();
        var ids = tensor(prompts.SelectMany(p => p.Select(t => (long)t)).ToArray(), [prompts.Count, prompts[0].Count]);
        for (var step = 0; step < newTokens; step++)
        {
            using var inner = NewDisposeScope();
            var next = model.Forward(ids).select(1, -1).argmax(-1).unsqueeze(1);
            var grown = cat([ids, next], 1).MoveToOuterDisposeScope();
            ids = grown;
        }
    }

    internal static string DataDirectory()
    {
        var fromEnvironment = Environment.GetEnvironmentVariable("FORGETCLOUD_DATA_DIR");
        if (!string.IsNullOrEmpty(fromEnvironment)) return fromEnvironment;
        for (var dir = new DirectoryInfo(Environment.CurrentDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared", "data");
            if (File.Exists(Path.Combine(candidate, "gsm8k", "test.jsonl"))) return candidate;
        }

        throw new DirectoryNotFoundException(
            $"no shared/data with gsm8k/test.jsonl above {Environment.CurrentDirectory}; set FORGETCLOUD_DATA_DIR");
    }

    /// <summary>Wall time per evaluation phase, from the evaluator's progress reports (reported after each batch).</summary>
    private sealed class PhaseTimer : IProgress<EvaluationProgress>
    {
        private readonly Stopwatch _watch = Stopwatch.StartNew();
        private readonly Dictionary<EvaluationPhase, double> _seconds = [];
        private double _last;

        public double this[EvaluationPhase phase] => _seconds.GetValueOrDefault(phase);

        public double Total => _last;

        public void Report(EvaluationProgress value)
        {
            var now = _watch.Elapsed.TotalSeconds;
            _seconds[value.Phase] = _seconds.GetValueOrDefault(value.Phase) + now - _last;
            _last = now;
        }
    }
}
