namespace ForgetCloud.Learning.Evaluation;

/// <summary>One GSM8K test item: what the model generated, what was extracted, and the teacher-forced answer NLL.</summary>
/// <param name="AnswerNllSum">Sum over the gold answer's tokens of -log p(token | prefix), in nats.</param>
/// <param name="AnswerTokens">Number of gold answer tokens scored (EOS included).</param>
/// <param name="Generated">False for items past <c>evaluation.generation_max_examples</c>: no answer was generated, so
/// the item counts for the answer NLL only, not for accuracy.</param>
public sealed record Gsm8kItemResult(
    string Id,
    string Prompt,
    string Output,
    string StrictAnswer,
    string FlexibleAnswer,
    string Gold,
    bool StrictCorrect,
    bool FlexibleCorrect,
    double AnswerNllSum,
    int AnswerTokens,
    bool Generated = true)
{
    /// <summary>Mean NLL per answer token for this item.</summary>
    public double AnswerNll => AnswerTokens == 0 ? double.NaN : AnswerNllSum / AnswerTokens;
}
