using ForgetCloud.Learning.Tokenization;

namespace ForgetCloud.Learning.Data;

/// <summary>
/// Turns rendered examples into <c>[BOS] prompt target EOS</c> token ids (BOS only when the tokenizer has one).
/// Prompt and target are encoded separately so the boundary is exact whatever the tokenizer merges.
/// Longer than <see cref="MaxLength"/>: the target's tail is cut; when the prompt alone leaves no room, the prompt
/// loses its oldest tokens (after BOS) so that exactly one target token remains, keeping every example scorable.
/// </summary>
public sealed class ExampleTokenizer
{
    private readonly ITextTokenizer _tokenizer;

    public ExampleTokenizer(ITextTokenizer tokenizer, int maxLength)
    {
        // One prompt position (BOS or a prompt token) plus one target token is the least a scored example needs.
        ArgumentOutOfRangeException.ThrowIfLessThan(maxLength, 2);
        _tokenizer = tokenizer;
        MaxLength = maxLength;
    }

    public int MaxLength { get; }

    /// <summary><c>[BOS] prompt</c> untruncated: what generation and option scoring start from.</summary>
    public int[] EncodePrompt(string prompt)
    {
        var ids = _tokenizer.Encode(prompt, addBos: false);
        return _tokenizer.BosTokenId is { } bos ? [bos, .. ids] : [.. ids];
    }

    public TokenizedExample Tokenize(RenderedExample example) => Tokenize(example, out _, out _);

    public TokenizedDataset TokenizeAll(IEnumerable<RenderedExample> examples)
    {
        var result = new List<TokenizedExample>();
        int truncated = 0, promptTruncated = 0, longest = 0;
        long tokens = 0, answerTokens = 0, dropped = 0;
        foreach (var example in examples)
        {
            var tokenized = Tokenize(example, out var fullLength, out var promptCut);
            result.Add(tokenized);
            if (tokenized.Truncated) truncated++;
            if (promptCut) promptTruncated++;
            longest = Math.Max(longest, fullLength);
            tokens += tokenized.Length;
            answerTokens += tokenized.AnswerLength;
            dropped += fullLength - tokenized.Length;
        }

        return new TokenizedDataset(
            result,
            new TokenizationSummary(
                result.Count, truncated, promptTruncated, tokens, answerTokens, dropped, MaxLength, longest));
    }

    private TokenizedExample Tokenize(RenderedExample example, out int fullLength, out bool promptCut)
    {
        var prompt = EncodePrompt(example.Prompt);
        if (prompt.Length == 0) throw new ArgumentException($"example {example.Id}: the prompt encodes to no tokens");

        var target = _tokenizer.Encode(example.Target, addBos: false);
        fullLength = prompt.Length + target.Count + 1;
        promptCut = false;
        if (fullLength <= MaxLength)
        {
            return new TokenizedExample(example.Id, [.. prompt, .. target, _tokenizer.EosTokenId], prompt.Length, false);
        }

        if (prompt.Length < MaxLength)
        {
            // Keep the whole prompt and the start of the target (EOS falls off with the tail).
            var keep = MaxLength - prompt.Length;
            return new TokenizedExample(example.Id, [.. prompt, .. target.Take(keep)], prompt.Length, true);
        }

        promptCut = true;
        var bosCount = _tokenizer.BosTokenId is null ? 0 : 1;
        var promptKeep = MaxLength - 1 - bosCount;
        int[] cutPrompt = [.. prompt.Take(bosCount), .. prompt.Skip(prompt.Length - promptKeep)];
        var firstTarget = target.Count > 0 ? target[0] : _tokenizer.EosTokenId;
        return new TokenizedExample(example.Id, [.. cutPrompt, firstTarget], cutPrompt.Length, true);
    }
}
