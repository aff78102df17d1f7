using ForgetCloud.Learning.Modeling;
using static TorchSharp.torch;

namespace ForgetCloud.Learning.Generation;

/// <summary>
/// Batched greedy decoding with a KV cache. Prompts are left-padded so every sequence's next token sits in the
/// last column; the attention mask keeps padding out of attention and position numbering, so each output equals
/// decoding that prompt alone. A sequence that ends (EOS or a stop string) is fed padding, masked out, until enough
/// have ended to be worth a copy: once at least a quarter of the rows still in the batch are finished, they are
/// dropped from the batch and the KV cache (<see cref="KvCache.KeepRows"/>), so finished rows stop costing compute
/// while the cache is copied at most ~log(batch)/log(4/3) times per batch.
/// </summary>
public sealed class GreedyGenerator(LlamaForCausalLM model)
{
    /// <summary>Rows summed over every forward pass so far (prefill included): the compute the batches cost, which
    /// dropping finished rows reduces.</summary>
    public long RowStepsForwarded { get; private set; }

    public IReadOnlyList<GenerationResult> Generate(IReadOnlyList<IReadOnlyList<int>> prompts, GenerationOptions options)
    {
        Validate(prompts, options);
        var batch = prompts.Count;
        var longest = prompts.Max(p => p.Count);
        var device = model.HeadWeight.device;
        var generated = prompts.Select(_ => new List<int>()).ToArray();
        var finished = new FinishReason?[batch];
        var texts = new string?[batch];

        var ids = new long[batch * longest];
        var mask = new long[batch * longest];
        for (var b = 0; b < batch; b++)
        {
            var pad = longest - prompts[b].Count;
            for (var t = 0; t < longest; t++)
            {
                ids[b * longest + t] = t < pad ? options.PadTokenId : prompts[b][t - pad];
                mask[b * longest + t] = t < pad ? 0 : 1;
            }
        }

        var wasTraining = model.training;
        model.eval();
        try
        {
            using var noGrad = no_grad();
            using var cache = model.CreateCache(longest + options.MaxNewTokens);
            // rows[p] = the prompt index of batch row p; rows leave when dropped.
            var rows = Enumerable.Range(0, batch).ToArray();
            var attention = tensor(mask, [batch, longest], device: device).DetachFromDisposeScope();
            var input = tensor(ids, [batch, longest], device: device).DetachFromDisposeScope();
            try
            {
                for (var step = 0; step < options.MaxNewTokens && finished.Any(f => f is null); step++)
                {
                    long[] next;
                    using (NewDisposeScope())
                    {
                        var logits = model.Forward(input, attention, cache);
                        next = logits.select(1, -1).argmax(-1).cpu().data<long>().ToArray();
                    }
                    RowStepsForwarded += rows.Length;
                    var fed = new long[rows.Length];
                    for (var p = 0; p < rows.Length; p++)
                    {
                        var b = rows[p];
                        fed[p] = options.PadTokenId;
                        if (finished[b] is not null) continue;
                        var token = (int)next[p];
                        fed[p] = token;
                        if (options.EosTokenIds.Contains(token))
                        {
                            finished[b] = FinishReason.Eos;
                            continue;
                        }
                        generated[b].Add(token);
                        if (options.StopStrings.Count > 0 && StopIndex(options, generated[b]) is { } cut)
                        {
                            finished[b] = FinishReason.StopString;
                            texts[b] = cut;
                        }
                    }

                    var done = rows.Count(b => finished[b] is not null);
                    if (done > 0 && done < rows.Length && 4 * done >= rows.Length)
                    {
                        var keep = Enumerable.Range(0, rows.Length).Where(p => finished[rows[p]] is null).ToArray();
                        using var kept = tensor(keep.Select(p => (long)p).ToArray(), device: device);
                        cache.KeepRows(kept);
                        var narrowed = attention.index_select(0, kept).DetachFromDisposeScope();
                        attention.Dispose();
                        attention = narrowed;
                        fed = [.. keep.Select(p => fed[p])];
                        rows = [.. keep.Select(p => rows[p])];
                    }

                    input.Dispose();
                    input = tensor(fed, [rows.Length, 1], device: device).DetachFromDisposeScope();
                    // Finished rows not yet dropped keep being fed padding, masked out like left padding.
                    var column = tensor(rows.Select(b => finished[b] is null ? 1L : 0L).ToArray(), [rows.Length, 1], device: device);
                    var grown = cat([attention, column], 1).DetachFromDisposeScope();
                    column.Dispose();
                    attention.Dispose();
                    attention = grown;
                }
            }
            finally
            {
                input.Dispose();
                attention.Dispose();
            }
        }
        finally
        {
            model.train(wasTraining);
        }

        return Enumerable.Range(0, batch).Select(b => new GenerationResult(
            generated[b],
            texts[b] ?? options.Decode?.Invoke(generated[b]),
            finished[b] ?? FinishReason.MaxNewTokens)).ToList();
    }

    /// <summary>The text before the first stop string, or null when none occurs yet.</summary>
    /// <remarks>
    /// Called after every new token, so it decodes only the tail that a stop string completed by that token can span:
    /// every token is at least one byte and a character at most four, so 4 x (longest stop string) + 1 tokens hold
    /// it (an occurrence ending earlier was found at an earlier step). Only a hit decodes the whole output. This keeps
    /// the check O(1) per token instead of O(length).
    /// </remarks>
    private static string? StopIndex(GenerationOptions options, List<int> tokens)
    {
        var window = 4 * options.StopStrings.Max(s => s.Length) + 1;
        if (tokens.Count > window)
        {
            var tail = options.Decode!(tokens.GetRange(tokens.Count - window, window));
            if (!options.StopStrings.Any(s => tail.Contains(s, StringComparison.Ordinal)))
                return null;
        }

        var text = options.Decode!(tokens);
        var cut = options.StopStrings.Select(s => text.IndexOf(s, StringComparison.Ordinal)).Where(i => i >= 0).DefaultIfEmpty(-1).Min();
        return cut >= 0 ? text[..cut] : null;
    }

    private void Validate(IReadOnlyList<IReadOnlyList<int>> prompts, GenerationOptions options)
    {
        if (prompts.Count == 0) throw new ArgumentException("no prompts to generate from");
        if (options.MaxNewTokens < 0) throw new ArgumentException($"max_new_tokens must be >= 0 (got {options.MaxNewTokens})");
        if (options.StopStrings.Count > 0 && options.Decode is null) throw new ArgumentException("stop strings need a Decode callback");
        if (options.StopStrings.Any(string.IsNullOrEmpty)) throw new ArgumentException("stop strings must not be empty");
        var vocab = model.Config.VocabSize;
        for (var i = 0; i < prompts.Count; i++)
        {
            if (prompts[i].Count == 0) throw new ArgumentException($"prompt {i} is empty");
            if (prompts[i].FirstOrDefault(t => t < 0 || t >= vocab, -1) is var bad and not -1)
                throw new ArgumentException($"prompt {i} holds token id {bad}, outside the vocabulary [0, {vocab})");
        }
        if (options.PadTokenId < 0 || options.PadTokenId >= vocab) throw new ArgumentException($"pad token id {options.PadTokenId} lies outside the vocabulary");
        var longest = prompts.Max(p => p.Count);
        if (longest + options.MaxNewTokens > model.Config.MaxPositionEmbeddings)
            throw new ArgumentException($"prompt ({longest}) + max_new_tokens ({options.MaxNewTokens}) exceed max_position_embeddings {model.Config.MaxPositionEmbeddings}");
    }
}
