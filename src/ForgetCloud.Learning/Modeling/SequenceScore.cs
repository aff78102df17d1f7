namespace ForgetCloud.Learning.Modeling;

/// <summary>log p(t_i | t_&lt;i) for i = 1 .. n-1 (none for the first token) and their mean negative.</summary>
public sealed record SequenceScore(IReadOnlyList<int> TokenIds, IReadOnlyList<double> LogProbs, double MeanNll);
