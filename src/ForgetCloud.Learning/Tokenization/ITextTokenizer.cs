namespace ForgetCloud.Learning.Tokenization;

/// <summary>Text to token ids and back, with the special ids a causal LM needs.</summary>
public interface ITextTokenizer
{
    int VocabSize { get; }

    /// <summary>Beginning-of-sequence id, or null for tokenizers that add none (GPT-2).</summary>
    int? BosTokenId { get; }

    int EosTokenId { get; }

    /// <summary>Id used to pad batches; never attended to and never scored.</summary>
    int PadTokenId { get; }

    IReadOnlyList<int> Encode(string text, bool addBos = false);

    string Decode(IEnumerable<int> ids);
}
