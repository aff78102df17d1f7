namespace ForgetCloud.Learning.Evaluation;

/// <summary>
/// A sequence to score teacher-forced: the log-probabilities of tokens <c>[ScoreFrom, TokenIds.Length)</c>, each
/// given all tokens before it. <c>ScoreFrom</c> is the prompt length (at least 1: the first token has no prediction).
/// </summary>
public sealed record ScoringRequest(int[] TokenIds, int ScoreFrom)
{
    /// <summary>Number of scored tokens.</summary>
    public int ScoredTokens => TokenIds.Length - ScoreFrom;
}
