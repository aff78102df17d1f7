using Microsoft.ML.Tokenizers;

namespace ForgetCloud.Learning.Tokenization;

/// <summary>
/// A byte-level BPE tokenizer (GPT-2, Llama 3, tiktoken files) backed by a Microsoft.ML.Tokenizers engine,
/// with the special ids a causal LM needs. Created by <see cref="TokenizerFactory"/> and the format loaders.
/// </summary>
public sealed class ByteLevelBpeTokenizer : ITextTokenizer
{
    private readonly Tokenizer _engine;

    internal ByteLevelBpeTokenizer(
        string name, Tokenizer engine, int vocabSize, IReadOnlyDictionary<string, int> specialTokens,
        int? bosTokenId, int eosTokenId, int padTokenId)
    {
        foreach (var (label, id) in new[] { ("BOS", bosTokenId), ("EOS", eosTokenId), ("pad", padTokenId) })
        {
            if (id is { } v && (v < 0 || v >= vocabSize))
            {
                throw new InvalidDataException($"Tokenizer '{name}': {label} id {v} is outside the vocabulary [0, {vocabSize}).");
            }
        }

        Name = name;
        _engine = engine;
        VocabSize = vocabSize;
        SpecialTokens = specialTokens;
        BosTokenId = bosTokenId;
        EosTokenId = eosTokenId;
        PadTokenId = padTokenId;
    }

    /// <summary>Where the tokenizer came from: a preset name or a file path.</summary>
    public string Name { get; }

    public int VocabSize { get; }

    public int? BosTokenId { get; }

    public int EosTokenId { get; }

    public int PadTokenId { get; }

    /// <summary>Special (added) token strings matched verbatim in text, with their ids.</summary>
    public IReadOnlyDictionary<string, int> SpecialTokens { get; }

    public IReadOnlyList<int> Encode(string text, bool addBos = false)
    {
        ArgumentNullException.ThrowIfNull(text);
        var ids = _engine.EncodeToIds(text);
        if (!addBos || BosTokenId is not { } bos)
        {
            return ids;
        }

        var withBos = new List<int>(ids.Count + 1) { bos };
        withBos.AddRange(ids);
        return withBos;
    }

    public string Decode(IEnumerable<int> ids)
    {
        ArgumentNullException.ThrowIfNull(ids);
        var list = ids as IReadOnlyList<int> ?? ids.ToList();
        foreach (var id in list)
        {
            if (id < 0 || id >= VocabSize)
            {
                throw new ArgumentOutOfRangeException(nameof(ids), id, $"Tokenizer '{Name}': id {id} is outside the vocabulary [0, {VocabSize}).");
            }
        }

        // The engines decode special ids to their strings when they know them; BpeTokenizer needs the flag.
        return _engine is BpeTokenizer bpe ? bpe.Decode(list, considerSpecialTokens: true) : _engine.Decode(list);
    }

    public override string ToString() => $"{Name} (vocab {VocabSize})";
}
