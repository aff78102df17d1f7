using System.Text.Json.Serialization;

namespace ForgetCloud.Learning.Checkpoints;

/// <summary>
/// <c>trainer_state.json</c>: where a stage stopped and everything besides tensors that an exact resume needs.
/// <see cref="Step"/> optimizer steps are complete; <see cref="DataEpoch"/> / <see cref="DataBatchIndex"/> is the
/// next batch to train (<see cref="Data.DataPosition"/>).
/// </summary>
public sealed record TrainerState
{
    [JsonPropertyName("stage")] public required int Stage { get; init; }
    [JsonPropertyName("optimizer")] public required string Optimizer { get; init; }
    [JsonPropertyName("lora")] public required bool Lora { get; init; }
    [JsonPropertyName("dtype")] public required string Dtype { get; init; }
    [JsonPropertyName("seed")] public required long Seed { get; init; }
    [JsonPropertyName("step")] public required long Step { get; init; }
    [JsonPropertyName("total_steps")] public required long TotalSteps { get; init; }
    [JsonPropertyName("epoch")] public required int Epoch { get; init; }
    [JsonPropertyName("data_epoch")] public required int DataEpoch { get; init; }
    [JsonPropertyName("data_batch_index")] public required int DataBatchIndex { get; init; }
    [JsonPropertyName("batches_per_epoch")] public required int BatchesPerEpoch { get; init; }
    [JsonPropertyName("batch_size")] public required int BatchSize { get; init; }
    [JsonPropertyName("gradient_accumulation_steps")] public required int GradientAccumulationSteps { get; init; }
    [JsonPropertyName("learning_rate")] public required double LearningRate { get; init; }
    [JsonPropertyName("skipped_steps")] public required long SkippedSteps { get; init; }
    [JsonPropertyName("consecutive_skipped_steps")] public required int ConsecutiveSkippedSteps { get; init; }
    [JsonPropertyName("elapsed_seconds")] public required double ElapsedSeconds { get; init; }
    [JsonPropertyName("optimizer_counters")] public required Dictionary<string, long> OptimizerCounters { get; init; }
    [JsonPropertyName("completed")] public required bool Completed { get; init; }

    /// <summary>How far each trained projection moved over the stage; in the final checkpoint only (null before the
    /// stage completes, or with <c>evaluation.weight_drift: false</c>).</summary>
    [JsonPropertyName("weight_drift")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<Diagnostics.ProjectionDrift>? WeightDrift { get; init; }
}
