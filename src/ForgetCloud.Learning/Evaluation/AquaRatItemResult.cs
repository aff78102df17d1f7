namespace ForgetCloud.Learning.Evaluation;

/// <summary>One AQUA-RAT test item: multiple-choice log-likelihoods, the generated letter, and the rationale NLL.</summary>
/// <param name="OptionLogLikelihoods">log p(" L" | prompt + " The answer is") for the letters L = A-E, in nats.</param>
/// <param name="Predicted">Argmax of the log-likelihoods (lm-evaluation-harness acc).</param>
/// <param name="PredictedNorm">Argmax of log-likelihood / scored length in characters (acc_norm); every scored text is
/// one letter, so it equals <paramref name="Predicted"/>. Kept so records and reports keep their shape.</param>
/// <param name="GeneratedLetter">The letter read from the greedy generation, or null when it names none.</param>
/// <param name="RationaleNllSum">Sum over the gold target's tokens (rationale + answer sentence) of -log p, in nats.</param>
public sealed record AquaRatItemResult(
    string Id,
    string Prompt,
    string Output,
    string Gold,
    IReadOnlyList<double> OptionLogLikelihoods,
    string Predicted,
    string PredictedNorm,
    string? GeneratedLetter,
    double RationaleNllSum,
    int RationaleTokens,
    bool Generated = true)
{
    public bool Correct => Predicted == Gold;

    public bool CorrectNorm => PredictedNorm == Gold;

    public bool GeneratedCorrect => GeneratedLetter == Gold;

    public double RationaleNll => RationaleTokens == 0 ? double.NaN : RationaleNllSum / RationaleTokens;
}
