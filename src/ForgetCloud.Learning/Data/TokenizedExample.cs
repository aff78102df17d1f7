namespace ForgetCloud.Learning.Data;

/// <summary>
/// Token ids of one training example: <c>[BOS] prompt target EOS</c>, possibly truncated. Positions
/// <c>&gt;= PromptLength</c> hold target tokens, the only ones the loss scores.
/// </summary>
public sealed record TokenizedExample(string Id, int[] InputIds, int PromptLength, bool Truncated)
{
    public int Length => InputIds.Length;

    /// <summary>Number of scored (target) tokens.</summary>
    public int AnswerLength => InputIds.Length - PromptLength;
}
