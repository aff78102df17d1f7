namespace ForgetCloud.Learning.Metrics;

/// <summary>
/// Multiple-choice scoring of one item from its per-option log-likelihoods (indices are 0-based option positions).
/// </summary>
/// <param name="Predicted">argmax of the summed log-likelihoods (<c>acc</c>).</param>
/// <param name="PredictedNorm">argmax of log-likelihood / option length in characters (<c>acc_norm</c>).</param>
/// <param name="PredictedBytes">argmax of log-likelihood / option length in UTF-8 bytes (<c>acc_bytes</c>).</param>
/// <param name="Gold">The gold option index.</param>
public sealed record MultipleChoiceResult(int Predicted, int PredictedNorm, int PredictedBytes, int Gold)
{
    /// <summary>1 when <see cref="Predicted"/> is the gold option (lm-evaluation-harness <c>acc</c>).</summary>
    public bool Correct => Predicted == Gold;

    /// <summary>1 when <see cref="PredictedNorm"/> is the gold option (lm-evaluation-harness <c>acc_norm</c>).</summary>
    public bool CorrectNorm => PredictedNorm == Gold;

    /// <summary>1 when <see cref="PredictedBytes"/> is the gold option (lm-evaluation-harness <c>acc_bytes</c>).</summary>
    public bool CorrectBytes => PredictedBytes == Gold;
}
