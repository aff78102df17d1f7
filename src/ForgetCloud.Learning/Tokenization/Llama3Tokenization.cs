namespace ForgetCloud.Learning.Tokenization;

/// <summary>Llama 3's published tokenization constants (meta-llama/llama3 tokenizer.py).</summary>
public static class Llama3Tokenization
{
    /// <summary>The pre-tokenizer pattern of Llama 3's tiktoken tokenizer (same as its tokenizer.json Split regex).</summary>
    public const string PreTokenizerPattern =
        @"(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\r\n\p{L}\p{N}]?\p{L}+|\p{N}{1,3}| ?[^\s\p{L}\p{N}]+[\r\n]*|\s*[\r\n]+|\s+(?!\S)|\s+";

    public const string BeginOfText = "<|begin_of_text|>";
    public const string EndOfText = "<|end_of_text|>";
    public const string EndOfTurn = "<|eot_id|>";

    /// <summary>Number of special tokens appended after the BPE ranks.</summary>
    public const int SpecialTokenCount = 256;

    /// <summary>
    /// The 256 special tokens in id order, starting right after the last BPE rank (128000 for Llama 3).
    /// </summary>
    public static IReadOnlyList<string> SpecialTokens { get; } = BuildSpecialTokens();

    private static string[] BuildSpecialTokens()
    {
        var tokens = new List<string>
        {
            BeginOfText, EndOfText,
            "<|reserved_special_token_0|>", "<|reserved_special_token_1|>",
            "<|reserved_special_token_2|>", "<|reserved_special_token_3|>",
            "<|start_header_id|>", "<|end_header_id|>",
            "<|reserved_special_token_4|>", EndOfTurn,
        };
        for (var i = 5; tokens.Count < SpecialTokenCount; i++)
        {
            tokens.Add($"<|reserved_special_token_{i}|>");
        }

        return tokens.ToArray();
    }
}
