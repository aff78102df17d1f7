namespace ForgetCloud.Learning.Tokenization;

/// <summary>Text to token ids and back, with the special ids a causal LM needs.</summary>
public interface ITextTokenizer
{
    /// <summary>Number of embedding rows the ids need: the largest id plus one.</summary>
    int VocabSize { get; }

    /// <summary>Beginning-of-sequence id, or null for tokenizers that add none (GPT-2).</summary>
    int? BosTokenId { get; }

    int EosTokenId { get; }

    /// <summary>Id used to pad batches; never attended to and never scored.</summary>
    int PadTokenId { get; }

    /// <summary>
    /// Encodes <paramref name="text"/>; special-token strings in it (e.g. <c>&lt;|eot_id|&gt;</c>) become their ids.
    /// <paramref name="addBos"/> prepends <see cref="BosTokenId"/> when the tokenizer has one and does nothing otherwise.
    /// </summary>
    IReadOnlyList<int> Encode(string text, bool addBos = false);

    /// <summary>Decodes ids back to text; special tokens are written out as their strings.</summary>
    string Decode(IEnumerable<int> ids);
}
