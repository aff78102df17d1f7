using ForgetCloud.Learning.Metrics;

namespace ForgetCloud.Reporting.Analysis;

/// <summary>One metric family of one optimizer summarized over its seeds (mean, sample SD, Student t interval):
/// every matrix entry and every forgetting entry.</summary>
public sealed record SeedMatrix(
    string Metric,
    IReadOnlyList<IReadOnlyList<SeedSummary>> Matrix,
    IReadOnlyDictionary<string, SeedSummary> Forgetting);
