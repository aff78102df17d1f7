namespace ForgetCloud.Learning.Evaluation;

/// <summary>
/// One point of the forgetting curves: the token-weighted mean answer NLL (sum of NLL sums / sum of answer tokens, as
/// the evaluations report it) of each task's fixed held-out subset, measured after an optimizer step.
/// </summary>
/// <param name="Gsm8kNll">GSM8K gold solution + EOS, nats per token.</param>
/// <param name="AquaRatNll">AQUA-RAT gold rationale and answer sentence + EOS, nats per token.</param>
public sealed record CurvePoint(double Gsm8kNll, double AquaRatNll);
