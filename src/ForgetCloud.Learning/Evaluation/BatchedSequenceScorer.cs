using ForgetCloud.Learning.Modeling;
using static TorchSharp.torch;

namespace ForgetCloud.Learning.Evaluation;

/// <summary>
/// Teacher-forced log-likelihoods of many sequences, a batch per forward pass. Sequences are sorted by length
/// (longest first, so a batch that does not fit in memory fails at once) and right-padded: under causal attention
/// no real token ever sees the padding after it and positions count from 0 as unpadded, so each score equals scoring
/// the sequence alone (<see cref="SequenceScorer"/>). Only the scored positions go through the output head, so
/// prompt tokens cost no vocabulary-sized logits.
/// </summary>
public static class BatchedSequenceScorer
{
    /// <summary>Rows of scored positions per head projection: bounds the fp32 logits buffer to rows x vocab.</summary>
    private const int HeadRowsPerChunk = 2048;

    /// <summary>Scores every request; results are in request order.</summary>
    /// <param name="onBatchScored">called after each batch with the number of requests it held</param>
    public static IReadOnlyList<SpanScore> Score(
        LlamaForCausalLM model,
        IReadOnlyList<ScoringRequest> requests,
        int batchSize,
        int padTokenId,
        Action<int>? onBatchScored = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(requests);
        Validate(model, requests, batchSize, padTokenId);
        var results = new SpanScore[requests.Count];
        if (requests.Count == 0) return results;

        var order = Enumerable.Range(0, requests.Count).OrderByDescending(i => requests[i].TokenIds.Length).ToArray();
        var wasTraining = model.training;
        model.eval();
        try
        {
            using var inference = inference_mode();
            using var noGrad = no_grad();
            foreach (var chunk in order.Chunk(batchSize))
            {
                cancellationToken.ThrowIfCancellationRequested();
                ScoreBatch(model, requests, chunk, padTokenId, results);
                onBatchScored?.Invoke(chunk.Length);
            }
        }
        finally
        {
            model.train(wasTraining);
        }

        return results;
    }

    private static void ScoreBatch(LlamaForCausalLM model, IReadOnlyList<ScoringRequest> requests, int[] chunk, int padTokenId, SpanScore[] results)
    {
        using var scope = NewDisposeScope();
        var device = model.HeadWeight.device;
        var time = chunk.Max(i => requests[i].TokenIds.Length);
        var ids = new long[chunk.Length * time];
        Array.Fill(ids, padTokenId);
        var rows = new List<long>();
        var targets = new List<long>();
        var owners = new List<int>();
        for (var b = 0; b < chunk.Length; b++)
        {
            var request = requests[chunk[b]];
            for (var t = 0; t < request.TokenIds.Length; t++) ids[b * time + t] = request.TokenIds[t];
            // Position p's logits predict token p + 1.
            for (var p = request.ScoreFrom - 1; p < request.TokenIds.Length - 1; p++)
            {
                rows.Add((long)b * time + p);
                targets.Add(request.TokenIds[p + 1]);
                owners.Add(chunk[b]);
            }
        }

        var input = tensor(ids, [chunk.Length, time], device: device);
        var hidden = model.Model.Forward(input);
        var flat = hidden.reshape(chunk.Length * time, hidden.shape[2]).index_select(0, tensor(rows.ToArray(), device: device));
        var targetIds = tensor(targets.ToArray(), device: device);
        var sums = new Dictionary<int, double>();
        for (var start = 0; start < rows.Count; start += HeadRowsPerChunk)
        {
            using var inner = NewDisposeScope();
            var count = Math.Min(HeadRowsPerChunk, rows.Count - start);
            // The same head as LlamaForCausalLM.Forward: projection in the model dtype, log-softmax in fp32.
            var logits = nn.functional.linear(flat.narrow(0, start, count), model.HeadWeight).to_type(ScalarType.Float32);
            var nll = nn.functional.cross_entropy(logits, targetIds.narrow(0, start, count), reduction: nn.Reduction.None);
            var values = nll.to_type(ScalarType.Float64).cpu().data<double>().ToArray();
            for (var k = 0; k < count; k++)
            {
                var owner = owners[start + k];
                sums[owner] = sums.GetValueOrDefault(owner) - values[k];
            }
        }

        foreach (var index in chunk) results[index] = new SpanScore(sums[index], requests[index].ScoredTokens);
    }

    private static void Validate(LlamaForCausalLM model, IReadOnlyList<ScoringRequest> requests, int batchSize, int padTokenId)
    {
        if (batchSize < 1) throw new ArgumentException($"batch size must be >= 1 (got {batchSize})", nameof(batchSize));
        var vocab = model.Config.VocabSize;
        if (padTokenId < 0 || padTokenId >= vocab) throw new ArgumentException($"pad token id {padTokenId} lies outside the vocabulary [0, {vocab})", nameof(padTokenId));
        for (var i = 0; i < requests.Count; i++)
        {
            var request = requests[i] ?? throw new ArgumentException($"scoring request {i} is null", nameof(requests));
            var length = request.TokenIds.Length;
            if (request.ScoreFrom < 1 || request.ScoreFrom >= length)
                throw new ArgumentException($"scoring request {i}: score_from {request.ScoreFrom} must lie in [1, {length}) for {length} tokens", nameof(requests));
            if (length > model.Config.MaxPositionEmbeddings)
                throw new ArgumentException($"scoring request {i}: {length} tokens exceed max_position_embeddings {model.Config.MaxPositionEmbeddings}", nameof(requests));
            if (request.TokenIds.FirstOrDefault(t => t < 0 || t >= vocab, -1) is var bad and not -1)
                throw new ArgumentException($"scoring request {i} holds token id {bad}, outside the vocabulary [0, {vocab})", nameof(requests));
        }
    }
}
