using ForgetCloud.Learning.Generation;
using ForgetCloud.Learning.Modeling;
using static TorchSharp.torch;

namespace ForgetCloud.Learning.Evaluation;

/// <summary>
/// Greedy generation for many prompts: sorted by prompt length (longest first) so each batch wastes little left
/// padding, generated a batch at a time with <see cref="GreedyGenerator"/> (KV cache), returned in input order.
/// Each output equals generating that prompt alone.
/// </summary>
public static class BatchedGeneration
{
    /// <param name="onBatchGenerated">called after each batch with the number of prompts it held</param>
    public static IReadOnlyList<GenerationResult> Generate(
        LlamaForCausalLM model,
        IReadOnlyList<IReadOnlyList<int>> prompts,
        GenerationOptions options,
        int batchSize,
        Action<int>? onBatchGenerated = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(prompts);
        ArgumentNullException.ThrowIfNull(options);
        if (batchSize < 1) throw new ArgumentException($"batch size must be >= 1 (got {batchSize})", nameof(batchSize));
        var results = new GenerationResult[prompts.Count];
        if (prompts.Count == 0) return results;

        var generator = new GreedyGenerator(model);
        var order = Enumerable.Range(0, prompts.Count).OrderByDescending(i => prompts[i].Count).ToArray();
        // Inference mode on top of the generator's no_grad: no autograd bookkeeping on any tensor it creates.
        using var inference = inference_mode();
        foreach (var chunk in order.Chunk(batchSize))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var batch = generator.Generate([.. chunk.Select(i => prompts[i])], options);
            for (var k = 0; k < chunk.Length; k++) results[chunk[k]] = batch[k];
            onBatchGenerated?.Invoke(chunk.Length);
        }

        return results;
    }
}
