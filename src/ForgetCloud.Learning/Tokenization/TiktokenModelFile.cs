using System.Text.RegularExpressions;
using Microsoft.ML.Tokenizers;

namespace ForgetCloud.Learning.Tokenization;

/// <summary>
/// Loads a tiktoken-format <c>tokenizer.model</c> (one "base64-token rank" per line, as Llama 3 ships it) with
/// Llama 3's pre-tokenizer pattern and its 256 special tokens numbered after the ranks.
/// </summary>
public static class TiktokenModelFile
{
    /// <summary>
    /// Loads <paramref name="path"/>. BOS is <c>&lt;|begin_of_text|&gt;</c>; EOS is <paramref name="eosToken"/>
    /// (default <c>&lt;|end_of_text|&gt;</c>; instruct models stop on <c>&lt;|eot_id|&gt;</c>); pad = EOS.
    /// </summary>
    public static ByteLevelBpeTokenizer Load(string path, string eosToken = Llama3Tokenization.EndOfText)
    {
        var rankCount = ValidateAndCountRanks(path);
        var special = new Dictionary<string, int>();
        for (var i = 0; i < Llama3Tokenization.SpecialTokens.Count; i++)
        {
            special[Llama3Tokenization.SpecialTokens[i]] = rankCount + i;
        }

        if (!special.TryGetValue(eosToken, out var eos))
        {
            throw new ArgumentException($"EOS token '{eosToken}' is not one of the Llama 3 special tokens.", nameof(eosToken));
        }

        var preTokenizer = new RegexPreTokenizer(
            new Regex(Llama3Tokenization.PreTokenizerPattern, RegexOptions.Compiled | RegexOptions.CultureInvariant), special);
        TiktokenTokenizer engine;
        try
        {
            engine = TiktokenTokenizer.Create(path, preTokenizer, normalizer: null, special);
        }
        catch (Exception e) when (e is FormatException or InvalidOperationException or ArgumentException)
        {
            throw new InvalidDataException($"{path}: not a valid tiktoken file: {e.Message}", e);
        }

        return new ByteLevelBpeTokenizer(path, engine, rankCount + special.Count, special,
            special[Llama3Tokenization.BeginOfText], eos, eos);
    }

    // The library accepts some malformed files silently (and SentencePiece protobufs also end in .model), so the
    // format is checked here: every line "base64 rank", ranks exactly 0..n-1 in order.
    private static int ValidateAndCountRanks(string path)
    {
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"Tokenizer file not found: {path}", path);
        }

        var lineNumber = 0;
        var scratch = new byte[64];
        foreach (var line in File.ReadLines(path))
        {
            lineNumber++;
            if (line.Length == 0)
            {
                throw new InvalidDataException($"{path}:{lineNumber}: empty line in a tiktoken file.");
            }

            var space = line.IndexOf(' ');
            if (scratch.Length < space)
            {
                scratch = new byte[space];
            }

            if (space <= 0
                || !int.TryParse(line.AsSpan(space + 1), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var rank)
                || !Convert.TryFromBase64Chars(line.AsSpan(0, space), scratch, out _))
            {
                throw new InvalidDataException(
                    $"{path}:{lineNumber}: expected 'base64-token rank' (tiktoken format), got '{Truncate(line)}'. " +
                    "A SentencePiece tokenizer.model is not supported.");
            }

            if (rank != lineNumber - 1)
            {
                throw new InvalidDataException($"{path}:{lineNumber}: rank {rank} out of order; expected {lineNumber - 1}.");
            }
        }

        if (lineNumber == 0)
        {
            throw new InvalidDataException($"{path}: empty tiktoken file.");
        }

        return lineNumber;
    }

    private static string Truncate(string s) => s.Length <= 60 ? s : s[..60] + "...";
}
