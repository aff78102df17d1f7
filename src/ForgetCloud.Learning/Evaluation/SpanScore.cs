namespace ForgetCloud.Learning.Evaluation;

/// <summary>The scored span of a <see cref="ScoringRequest"/>: sum of log p(token | prefix) in nats, and its length.</summary>
public sealed record SpanScore(double LogLikelihood, int Tokens)
{
    /// <summary>Sum of -log p over the span (the NLL sum the item records store).</summary>
    public double NllSum => -LogLikelihood;
}
