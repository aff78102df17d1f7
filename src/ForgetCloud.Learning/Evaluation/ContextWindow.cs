namespace ForgetCloud.Learning.Evaluation;

/// <summary>
/// Fits evaluation sequences into the model's context the way lm-evaluation-harness does: the oldest prompt tokens
/// go first (a leading BOS stays), so the generation budget and the scored continuation survive whole. Only when
/// the continuation alone does not fit is its tail cut, keeping one prompt token to predict from.
/// </summary>
public static class ContextWindow
{
    /// <summary>The prompt cut from the left to at most <paramref name="maxLength"/> tokens (BOS kept).</summary>
    public static int[] FitPrompt(IReadOnlyList<int> prompt, int? bosTokenId, int maxLength)
    {
        ArgumentNullException.ThrowIfNull(prompt);
        if (prompt.Count == 0) throw new ArgumentException("the prompt has no tokens", nameof(prompt));
        if (maxLength < 1) throw new ArgumentException($"no room for a prompt: {maxLength} positions left", nameof(maxLength));
        if (prompt.Count <= maxLength) return [.. prompt];
        var keepBos = bosTokenId is { } bos && prompt[0] == bos && maxLength > 1;
        var head = keepBos ? 1 : 0;
        return [.. prompt.Take(head), .. prompt.Skip(prompt.Count - (maxLength - head))];
    }

    /// <summary><c>prompt + continuation</c> as a <see cref="ScoringRequest"/> of at most <paramref name="maxLength"/> tokens.</summary>
    public static ScoringRequest FitScored(IReadOnlyList<int> prompt, IReadOnlyList<int> continuation, int? bosTokenId, int maxLength)
    {
        ArgumentNullException.ThrowIfNull(continuation);
        if (continuation.Count == 0) throw new ArgumentException("the continuation to score has no tokens", nameof(continuation));
        if (maxLength < 2) throw new ArgumentException($"scoring needs at least 2 positions (got {maxLength})", nameof(maxLength));
        var kept = continuation.Count <= maxLength - 1 ? continuation : continuation.Take(maxLength - 1).ToArray();
        var fitted = FitPrompt(prompt, bosTokenId, maxLength - kept.Count);
        return new ScoringRequest([.. fitted, .. kept], fitted.Length);
    }
}
