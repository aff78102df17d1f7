namespace ForgetCloud.Learning.Data;

/// <summary>What tokenizing a split did, for the training log.</summary>
/// <param name="Examples">Examples tokenized.</param>
/// <param name="TruncatedExamples">Examples cut to <paramref name="MaxLength"/> (target tail dropped).</param>
/// <param name="PromptTruncatedExamples">Of those, examples whose prompt alone was too long (prompt cut on the left, one target token kept).</param>
/// <param name="Tokens">Tokens kept, all examples.</param>
/// <param name="AnswerTokens">Scored (target) tokens kept.</param>
/// <param name="DroppedTokens">Tokens removed by truncation.</param>
/// <param name="MaxLength">The configured limit.</param>
/// <param name="LongestExample">Length of the longest example before truncation.</param>
public sealed record TokenizationSummary(
    int Examples,
    int TruncatedExamples,
    int PromptTruncatedExamples,
    long Tokens,
    long AnswerTokens,
    long DroppedTokens,
    int MaxLength,
    int LongestExample)
{
    public override string ToString() =>
        $"{Examples} examples, {Tokens} tokens ({AnswerTokens} scored); {TruncatedExamples} truncated to " +
        $"max_length {MaxLength} ({PromptTruncatedExamples} in the prompt, {DroppedTokens} tokens dropped); " +
        $"longest {LongestExample} tokens";
}
