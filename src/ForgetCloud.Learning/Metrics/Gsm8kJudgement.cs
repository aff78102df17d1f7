namespace ForgetCloud.Learning.Metrics;

/// <summary>
/// One GSM8K test item judged both ways lm-evaluation-harness does: <c>strict-match</c> and <c>flexible-extract</c>.
/// Answers are the filter outputs before normalization (<see cref="Gsm8kAnswerExtraction.InvalidAnswer"/> when nothing
/// matched); <see cref="GoldAnswer"/> is the normalized gold number.
/// </summary>
public sealed record Gsm8kJudgement(
    string StrictAnswer,
    string FlexibleAnswer,
    string GoldAnswer,
    bool StrictCorrect,
    bool FlexibleCorrect);
