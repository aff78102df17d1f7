using System.Diagnostics;
using ForgetCloud.Learning.Data;
using ForgetCloud.Learning.Evaluation;
using ForgetCloud.Learning.Generation;
using ForgetCloud.Learning.Modeling;
using ForgetCloud.Learning.Tokenization;
using static TorchSharp.torch;

namespace ForgetCloud.Benchmarks;

/// <summary>
/// What one evaluation's GSM8K generation costs: a full test-set pass (1319 prompts) on the <c>tiny</c> preset in bf16,
/// batch 64, 256 new tokens, EOS and the stop string <c>Question:</c>, exactly as <see cref="ModelEvaluator"/> runs it.
/// Two models: the random base, which never ends a row early (the worst case), and, when
/// <c>FORGETCLOUD_TRAINED_MODEL</c> names a Hugging Face model directory of the tiny shape (e.g. a stage-1 checkpoint
/// of configs/tiny.yaml), a trained model whose rows end at different lengths: there finished rows either keep
/// costing compute or not. One timed run each: a pass takes minutes.
/// </summary>
public sealed class GenerationBenchmark : IBenchmark
{
    private const int BatchSize = 64;
    private const int MaxNewTokens = 256;

    public string Name => "generation";

    public string Description => "tiny preset, dtype auto: full GSM8K test generation at 256 new tokens, random and trained model";

    // bf16 only where this CPU computes it natively: on an AVX2-only CPU it would measure libtorch's scalar fallback.
    private static ScalarType Dtype => ForgetCloud.Learning.Devices.ComputeTarget
        .Resolve(ForgetCloud.Contracts.Configuration.DeviceSpec.Cpu, ForgetCloud.Contracts.Configuration.Precision.Auto).ScalarType;

    public IReadOnlyList<MarkdownTable> Run(BenchmarkContext context)
    {
        var preset = ModelPresets.Tiny;
        var tokenizer = TokenizerFactory.FromName(preset.TokenizerName);
        var data = new DatasetLoader(new LocalDatasetSource(EvaluationBenchmark.DataDirectory()));
        var gsm8k = data.LoadGsm8kAsync("test").GetAwaiter().GetResult();
        var limit = context.Quick ? 64 : gsm8k.Count;
        var newTokens = context.Quick ? 16 : MaxNewTokens;

        var table = new MarkdownTable(
            $"GSM8K test generation, tiny preset, {Dtype}, batch {BatchSize}, {newTokens} new tokens, EOS + stop string ({get_num_threads()} torch threads)",
            "model", "prompts", "generated tokens", "mean tokens / row", "rows ended early", "generation s", "generated tokens/s");
        var models = new List<(string Name, Func<LlamaForCausalLM> Create)> { ("random init", () => ModelFactory.Create(preset, Dtype)) };
        if (Environment.GetEnvironmentVariable("FORGETCLOUD_TRAINED_MODEL") is { Length: > 0 } trained)
            models.Add(($"trained ({Path.GetFileName(trained.TrimEnd('/'))})", () => LlamaCheckpoint.Load(trained, Dtype)));

        foreach (var (name, create) in models)
        {
            using var model = create();
            var prompts = new ExampleTokenizer(tokenizer, model.Config.MaxPositionEmbeddings);
            var room = model.Config.MaxPositionEmbeddings - newTokens;
            var inputs = gsm8k.Take(limit)
                .Select(e => (IReadOnlyList<int>)ContextWindow.FitPrompt(prompts.EncodePrompt(Gsm8kPromptFormat.Prompt(e)), tokenizer.BosTokenId, room))
                .ToArray();
            var options = new GenerationOptions
            {
                MaxNewTokens = newTokens,
                EosTokenIds = [.. model.Config.EosTokenIds.Append(tokenizer.EosTokenId).Distinct()],
                PadTokenId = tokenizer.PadTokenId,
                StopStrings = EvaluationOptions.DefaultStopStrings,
                Decode = ids => tokenizer.Decode(ids),
            };
            var watch = Stopwatch.StartNew();
            var results = BatchedGeneration.Generate(model, inputs, options, BatchSize);
            var seconds = watch.Elapsed.TotalSeconds;
            var generated = results.Sum(r => (long)r.TokenIds.Count);
            var early = results.Count(r => r.FinishReason != FinishReason.MaxNewTokens);
            table.Add(name, inputs.Length, generated, (double)generated / inputs.Length, early, seconds, generated / seconds);
            context.Log.WriteLine($"{name}: {inputs.Length} prompts, {generated} tokens, {early} ended early, {seconds:F1} s");
        }

        return [table];
    }
}
