using ForgetCloud.Contracts.Configuration;
using ForgetCloud.Learning.Modeling;
using ForgetCloud.Learning.Training;

namespace ForgetCloud.Learning.Execution;

/// <summary>One stage of one arm, as <see cref="StageRunner"/> runs it.</summary>
public sealed record StageRunRequest
{
    /// <summary>The arm's config (its optimizer, seed and logging directories already set).</summary>
    public required StudyConfig Config { get; init; }

    /// <summary>The arm's optimizer.</summary>
    public required OptimizerKind Optimizer { get; init; }

    /// <summary>The arm's seed: batch order, LoRA initialization, dropout.</summary>
    public required long Seed { get; init; }

    /// <summary>1 or 2.</summary>
    public required int Stage { get; init; }

    /// <summary>The study's prepared data (from <see cref="DatasetPreparation.PrepareAsync"/>).</summary>
    public required PreparedDatasets Data { get; init; }

    /// <summary>Where <c>stage{N}_checkpoint_epoch_{E}_step_{S}/</c> folders go (the arm's <c>logging.save_dir</c>).</summary>
    public required string CheckpointDirectory { get; init; }

    /// <summary>The final checkpoints of the earlier stages the model starts from, in stage order (stage 2: stage 1's
    /// final checkpoint); empty = the base model. See <see cref="StudyModelBuilder.BuildTrainedAsync"/>.</summary>
    public IReadOnlyList<string> InitFrom { get; init; } = [];

    /// <summary>A checkpoint of this stage to continue from; null = start at step 0.</summary>
    public string? ResumeFrom { get; init; }

    /// <summary>The TensorBoard run directory of this stage (the study CLI uses
    /// <c>{tensorboard_dir}/{arm}/stage{N}</c>); null = no TensorBoard files.</summary>
    public string? TensorBoardDirectory { get; init; }

    /// <summary>Once, before the first step, on the training thread: the stage's total optimizer steps.</summary>
    public Action<long>? OnTotalSteps { get; init; }

    /// <summary>After every optimizer step, on the training thread.</summary>
    public Action<TrainingStepRecord>? OnStep { get; init; }

    /// <summary>Log lines: model setup, data summary, notices, checkpoints.</summary>
    public Action<string>? Log { get; init; }

    /// <summary>Downloads hub models; null = from the environment when needed.</summary>
    public IModelDownloader? Hub { get; init; }
}
