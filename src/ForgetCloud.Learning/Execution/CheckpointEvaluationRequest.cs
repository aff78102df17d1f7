using ForgetCloud.Contracts.Configuration;
using ForgetCloud.Learning.Evaluation;
using ForgetCloud.Learning.Modeling;

namespace ForgetCloud.Learning.Execution;

/// <summary>One evaluation of one arm after one stage, as <see cref="CheckpointEvaluator"/> runs it.</summary>
public sealed record CheckpointEvaluationRequest
{
    /// <summary>The arm's config (model, dtype, the <c>evaluation</c> section).</summary>
    public required StudyConfig Config { get; init; }

    /// <summary>The arm's id, written into the <see cref="StageEvaluation"/>.</summary>
    public required string ArmId { get; init; }

    /// <summary>0 = the base model, 1 or 2 = after that stage.</summary>
    public required int Stage { get; init; }

    /// <summary>The study's prepared data; only the test sets are read.</summary>
    public required PreparedDatasets Data { get; init; }

    /// <summary>Where <c>gsm8k_stage{N}.jsonl</c> and <c>aqua_rat_stage{N}.jsonl</c> are written.</summary>
    public required string RecordsDirectory { get; init; }

    /// <summary>The final checkpoints of stages 1..<see cref="Stage"/> in order (empty for stage 0; an earlier stage
    /// finished elsewhere may be left out); the model is built from them by
    /// <see cref="StudyModelBuilder.BuildTrainedAsync"/>. The last one is recorded as the evaluation's checkpoint.</summary>
    public IReadOnlyList<string> Checkpoints { get; init; } = [];

    /// <summary>Reports after every batch.</summary>
    public IProgress<EvaluationProgress>? Progress { get; init; }

    /// <summary>Downloads hub models; null = from the environment when needed.</summary>
    public IModelDownloader? Hub { get; init; }
}
