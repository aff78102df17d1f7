using ForgetCloud.Learning.Data;
using ForgetCloud.Learning.Modeling;
using static TorchSharp.torch;

namespace ForgetCloud.Learning.Training;

/// <summary>
/// Forward and backward of one training batch with bounded memory, on the model's device:
/// <list type="bullet">
/// <item>Only the scored (answer) positions reach the output head, and their cross-entropy runs in chunks of at most
/// <see cref="LogitElementsPerChunk"/> logits, each chunk's backward taken at once: a 128k vocabulary's logits are
/// never materialised for a whole batch (Llama-3.2-1B, 8 x 512 tokens: 2 GB of fp32 logits otherwise, plus as much
/// again for their gradient).</item>
/// <item>With gradient checkpointing, the forward keeps only each decoder layer's input; backward recomputes one layer
/// at a time from it (Chen et al. 2016, as Hugging Face's <c>gradient_checkpointing_enable</c>). Each layer's dropout
/// is seeded from (step seed, layer) in both passes, so the recomputation draws the same masks on any device.</item>
/// </list>
/// Right padding with causal attention: real positions never see padding, so no attention mask is built and attention
/// takes the fused causal path.
/// </summary>
public static class BatchBackward
{
    /// <summary>At most this many logits exist at once (64 MiB in fp32).</summary>
    public const long LogitElementsPerChunk = 16L << 20;

    /// <summary>Backward of <paramref name="scale"/> · (sum of the batch's scored token losses); returns that sum.</summary>
    /// <param name="logitElementsPerChunk">the chunk bound (tests make it small to exercise many chunks)</param>
    public static double Run(
        LlamaForCausalLM model, Batch batch, double scale, bool gradientCheckpointing, long dropoutSeed,
        long logitElementsPerChunk = LogitElementsPerChunk)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(batch);
        using var scope = NewDisposeScope();
        var device = model.Device;
        var ids = tensor(batch.InputIds, [batch.BatchSize, batch.SequenceLength], device: device);
        var (rows, targets) = ScoredRows(batch);
        if (rows.Length == 0) return 0;
        var rowIndex = tensor(rows, device: device);
        var targetIds = tensor(targets, device: device);
        if (!gradientCheckpointing)
        {
            var hidden = model.Model.Forward(ids);
            return HeadBackward(model, hidden, rowIndex, targetIds, scale, logitElementsPerChunk);
        }

        var decoder = model.Model;
        var embedded = decoder.EmbedTokens.forward(ids);
        var positions = arange(batch.SequenceLength, device: device).unsqueeze(0).expand(batch.BatchSize, batch.SequenceLength);
        var (cos, sin) = decoder.Rotary.Tables(positions, embedded.dtype);
        var layers = decoder.Layers;
        var inputs = new Tensor[layers.Count];
        var x = embedded.detach();
        using (no_grad())
        {
            for (var i = 0; i < layers.Count; i++)
            {
                inputs[i] = x;
                SeedLayer(dropoutSeed, i, device);
                x = layers[i].Forward(x, cos, sin, null, null, i);
            }
        }

        var top = x.requires_grad_(true);
        var lossSum = HeadBackward(model, decoder.Norm.forward(top), rowIndex, targetIds, scale, logitElementsPerChunk);
        var grad = top.grad ?? throw new InvalidOperationException("no gradient reached the last decoder layer");
        for (var i = layers.Count - 1; i >= 0; i--)
        {
            using var layerScope = NewDisposeScope();
            var input = inputs[i].requires_grad_(true);
            SeedLayer(dropoutSeed, i, device);
            layers[i].Forward(input, cos, sin, null, null, i).backward([grad]);
            grad.Dispose();
            grad = (input.grad ?? throw new InvalidOperationException($"no gradient reached decoder layer {i}")).MoveToOuterDisposeScope();
            input.Dispose();
        }

        if (embedded.requires_grad) embedded.backward([grad]);
        return lossSum;
    }

    /// <summary>Flat positions b·T + t whose next-token loss counts, and the token each predicts (ids[b, t+1]).</summary>
    public static (long[] Rows, long[] Targets) ScoredRows(Batch batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        var time = batch.SequenceLength;
        var rows = new List<long>();
        var targets = new List<long>();
        for (var b = 0; b < batch.BatchSize; b++)
        {
            for (var t = 0; t < time - 1; t++)
            {
                var flat = (long)b * time + t;
                if (batch.LabelMask[flat] == 0) continue;
                rows.Add(flat);
                targets.Add(batch.InputIds[flat + 1]);
            }
        }

        return ([.. rows], [.. targets]);
    }

    // The head's chunks backpropagate into a detached copy of the selected hidden rows; one backward through the
    // decoder then carries their summed gradient, so the decoder's graph is traversed once however many chunks there are.
    private static double HeadBackward(
        LlamaForCausalLM model, Tensor hidden, Tensor rowIndex, Tensor targetIds, double scale, long logitElementsPerChunk)
    {
        var width = hidden.shape[^1];
        var selected = hidden.reshape(-1, width).index_select(0, rowIndex);
        var detached = selected.detach().requires_grad_(true);
        var count = selected.shape[0];
        var chunk = Math.Max(1, logitElementsPerChunk / model.Config.VocabSize);
        var lossSum = 0.0;
        for (long start = 0; start < count; start += chunk)
        {
            using var chunkScope = NewDisposeScope();
            var length = Math.Min(chunk, count - start);
            var logits = nn.functional.linear(detached.narrow(0, start, length), model.HeadWeight).to_type(ScalarType.Float32);
            var loss = nn.functional.cross_entropy(logits, targetIds.narrow(0, start, length), reduction: nn.Reduction.Sum);
            (loss * scale).backward();
            lossSum += loss.item<float>();
        }

        if (selected.requires_grad)
            selected.backward([detached.grad ?? throw new InvalidOperationException("no gradient reached the output head's input")]);
        return lossSum;
    }

    private static void SeedLayer(long stepSeed, int layer, Device device) =>
        TrainingRandom.Seed(TrainingRandom.Mix(stepSeed, layer), device);
}
