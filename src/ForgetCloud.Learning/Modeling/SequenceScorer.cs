using static TorchSharp.torch;

namespace ForgetCloud.Learning.Modeling;

/// <summary>Teacher-forced per-token log-probabilities of a sequence under a model.</summary>
public static class SequenceScorer
{
    public static SequenceScore Score(LlamaForCausalLM model, IReadOnlyList<int> tokenIds)
    {
        if (tokenIds.Count < 2) throw new ArgumentException($"scoring needs at least 2 tokens (got {tokenIds.Count})");
        var vocab = model.Config.VocabSize;
        var bad = tokenIds.FirstOrDefault(t => t < 0 || t >= vocab, -1);
        if (bad != -1) throw new ArgumentException($"token id {bad} lies outside the model's vocabulary [0, {vocab})");
        if (tokenIds.Count > model.Config.MaxPositionEmbeddings)
            throw new ArgumentException($"{tokenIds.Count} tokens exceed max_position_embeddings {model.Config.MaxPositionEmbeddings}");

        using var noGrad = no_grad();
        using var scope = NewDisposeScope();
        var device = model.HeadWeight.device;
        var ids = tensor(tokenIds.Select(t => (long)t).ToArray(), device: device).unsqueeze(0);
        var logProbs = model.Forward(ids).log_softmax(-1)[0];
        var targets = ids[0].narrow(0, 1, tokenIds.Count - 1).unsqueeze(1);
        var picked = logProbs.narrow(0, 0, tokenIds.Count - 1).gather(1, targets).squeeze(1);
        var values = picked.to_type(ScalarType.Float64).cpu().data<double>().ToArray();
        return new SequenceScore(tokenIds.ToArray(), values, -values.Average());
    }
}
