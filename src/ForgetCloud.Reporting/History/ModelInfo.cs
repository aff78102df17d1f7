using System.Text.Json.Serialization;

namespace ForgetCloud.Reporting.History;

/// <summary>The original framework's <c>model_info</c>: parameter counts of the model being trained.</summary>
public sealed record ModelInfo(string Name, long TotalParams, long TrainableParams)
{
    /// <summary>100 * trainable / total (the original framework's <c>trainable_percentage</c>).</summary>
    [JsonPropertyOrder(10)]
    public double TrainablePercentage => TotalParams == 0 ? 0 : 100.0 * TrainableParams / TotalParams;
}
