using System.Text.Json.Serialization;
using ForgetCloud.Learning.Training;

namespace ForgetCloud.Reporting.History;

/// <summary>One stage's steps, with the original framework's per-stage arrays <c>losses</c> and <c>learning_rates</c> derived
/// from them (written to the file for the original framework's tools, not read back).</summary>
public sealed record StageTrainingHistory(int Stage, IReadOnlyList<TrainingStepRecord> Steps)
{
    [JsonPropertyOrder(10)]
    public IReadOnlyList<double> Losses => Steps.Select(s => s.Loss).ToArray();

    [JsonPropertyOrder(11)]
    public IReadOnlyList<double> LearningRates => Steps.Select(s => s.LearningRate).ToArray();
}
