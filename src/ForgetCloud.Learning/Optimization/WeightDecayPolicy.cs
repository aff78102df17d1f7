namespace ForgetCloud.Learning.Optimization;

/// <summary>
/// Which parameters weight decay applies to by default: 2-D weight matrices other than the embedding (attention and
/// MLP projections, an untied output head, LoRA's lora_A and lora_B). Norm weights and biases (not 2-D) and the
/// embedding (a lookup table: decaying it shrinks the rows of tokens that seldom appear, with no gradient to pull
/// them back; with tied weights it is also the head) are left alone. Decided from the Hugging Face name and shape
/// alone, like <see cref="MuonParameterSplit"/>. <see cref="AdamWOptions.DecayAllParameters"/> turns it off.
/// </summary>
public static class WeightDecayPolicy
{
    /// <summary>The name segment of the embedding matrix.</summary>
    public const string EmbeddingSegment = "embed_tokens";

    public static bool Decays(string name, IReadOnlyList<long> shape)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(shape);
        return shape.Count == 2 && !name.Split('.').Contains(EmbeddingSegment, StringComparer.Ordinal);
    }
}
