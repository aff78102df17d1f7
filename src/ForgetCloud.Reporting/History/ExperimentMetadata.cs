using System.Text.Json;
using ForgetCloud.Contracts.Configuration;
using System.Text.Json.Serialization;

namespace ForgetCloud.Reporting.History;

/// <summary>
/// The content of <c>experiment_metadata.json</c>: what ran, where and when. Every field is an input (nothing is
/// read from the environment here); <see cref="MachineInfo.Current"/> helps the caller fill <see cref="Machine"/>.
/// </summary>
/// <param name="Config">The config snapshot as JSON (the original framework's <c>config</c>).</param>
/// <param name="ConfigRef">Content hash or path of the config snapshot.</param>
/// <param name="Versions">Component versions, e.g. <c>forgetcloud</c>, <c>torchsharp</c>, <c>libtorch</c>, <c>dotnet</c>.</param>
/// <param name="GitCommit">The source commit, when known.</param>
/// <param name="StageDurationsSeconds">Wall time per "arm/stageN" (training) and "arm/evalN" (evaluation).</param>
public sealed record ExperimentMetadata(
    int SchemaVersion,
    DateTimeOffset StartTime,
    DateTimeOffset? EndTime,
    JsonElement Config,
    string? ConfigRef,
    ModelInfo? ModelInfo,
    IReadOnlyList<ArmSpec> Arms,
    IReadOnlyDictionary<string, string> Versions,
    MachineInfo Machine,
    string? GitCommit,
    IReadOnlyDictionary<string, double> StageDurationsSeconds)
{
    public const int CurrentSchemaVersion = 1;

    /// <summary>The original framework's <c>optimizer</c> field, generalized: the optimizers of the arms, in order.</summary>
    [JsonPropertyOrder(20)]
    public IReadOnlyList<string> Optimizers => Arms.Select(a => a.Optimizer).Distinct(StringComparer.Ordinal).ToArray();

    /// <summary>The original framework's <c>total_duration</c> in seconds; null while the study runs.</summary>
    [JsonPropertyOrder(21)]
    public double? TotalDuration => EndTime is { } end ? (end - StartTime).TotalSeconds : null;
}
