using ForgetCloud.Contracts.Configuration;
using System.Text.Json;
using ForgetCloud.Learning.Study;
using ForgetCloud.Reporting.History;

namespace ForgetCloud.Reporting.Tests.TestSupport;

internal static class StudyReportFixtures
{
    /// <summary>Metadata of a 12.5-minute study of <paramref name="arms"/> on a 2-core CPU.</summary>
    public static ExperimentMetadata Metadata(IReadOnlyList<ArmSpec> arms) =>
        new(
            ExperimentMetadata.CurrentSchemaVersion,
            new DateTimeOffset(2026, 11, 1, 10, 0, 0, TimeSpan.Zero),
            new DateTimeOffset(2026, 11, 1, 10, 12, 30, TimeSpan.Zero),
            JsonSerializer.SerializeToElement(new { model = new { name = "tiny", use_lora = true }, seeds = 1 }),
            "sha256:abc",
            new ModelInfo("tiny", 10_000_000, 250_000),
            [.. arms],
            new Dictionary<string, string> { ["forgetcloud"] = "0.1.0", ["torchsharp"] = "0.107.0" },
            new MachineInfo("host", "Linux", "X64", 2, ".NET 10", "cpu"),
            "0123abc",
            new Dictionary<string, double> { ["adamw_seed0/stage1"] = 300.5 });
}
