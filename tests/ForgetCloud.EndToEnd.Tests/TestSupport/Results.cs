using System.Text.Json;

namespace ForgetCloud.EndToEnd.Tests.TestSupport;

/// <summary>Reads and compares final_results.json documents.</summary>
public static class Results
{
    /// <summary>The arm object with <c>arm_id</c> = <paramref name="armId"/>.</summary>
    public static JsonElement Arm(JsonElement analysis, string armId) =>
        analysis.GetProperty("arms").EnumerateArray().Single(a => a.GetProperty("arm_id").GetString() == armId);

    /// <summary>
    /// Asserts that an arm's metrics (accuracy and NLL families: matrices, CIs, forgetting, differences; the original framework's final
    /// metrics) are identical in both documents. Checkpoint paths differ by nature (blob prefixes vs local folders) and
    /// are not compared.
    /// </summary>
    public static void AssertSameMetrics(JsonElement expected, JsonElement actual, string armId)
    {
        var a = Arm(expected, armId);
        var b = Arm(actual, armId);
        foreach (var property in new[] { "accuracy", "nll", "final" })
            Assert.Equal(a.GetProperty(property).GetRawText(), b.GetProperty(property).GetRawText());
    }
}
