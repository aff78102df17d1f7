using ForgetCloud.Learning.Metrics;

namespace ForgetCloud.Reporting.Analysis;

/// <summary>A difference of matrix entries with its paired percentile bootstrap CI (the same items resampled for
/// every stage, and for both arms when comparing optimizers).</summary>
/// <param name="Name">e.g. <c>bwt</c>, <c>forgetting</c>, <c>fwt</c>, <c>gsm8k_stage1_change</c>.</param>
/// <param name="Task">The test set it is computed on: <c>gsm8k</c> or <c>aqua_rat</c>.</param>
/// <param name="Formula">In terms of R, e.g. <c>R[2][gsm8k] - R[1][gsm8k]</c>.</param>
public sealed record DifferenceEstimate(string Name, string Task, string Formula, ConfidenceInterval Interval);
