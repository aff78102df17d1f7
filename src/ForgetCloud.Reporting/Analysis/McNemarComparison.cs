using ForgetCloud.Learning.Metrics;

namespace ForgetCloud.Reporting.Analysis;

/// <summary>McNemar's test on per-item primary correctness of two arms at one stage on one test set
/// ("first" = the comparison's first arm).</summary>
public sealed record McNemarComparison(int Stage, string Task, string Metric, McNemarResult Result);
