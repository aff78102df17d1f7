using ForgetCloud.Contracts.Configuration;
using ForgetCloud.Learning.Data;

namespace ForgetCloud.Learning.Training;

/// <summary>Everything one stage needs besides the model.</summary>
public sealed record StageTrainingRequest
{
    /// <summary>1 or 2: selects <c>training.stage{N}</c> of <see cref="Config"/>.</summary>
    public required int Stage { get; init; }

    /// <summary>The resolved study config: the stage block, optimizer blocks, model LoRA keys, dtype,
    /// logging.save_interval; saved into every checkpoint as YAML.</summary>
    public required StudyConfig Config { get; init; }

    /// <summary>The arm's optimizer (may differ from <c>optimizer.type</c> in a compare run).</summary>
    public required OptimizerKind Optimizer { get; init; }

    /// <summary>The stage's batches; its batch size must equal the stage's batch_size.</summary>
    public required BatchPlan Batches { get; init; }

    /// <summary>Where <c>stage{N}_checkpoint_epoch_{E}_step_{S}/</c> folders go.</summary>
    public required string CheckpointDirectory { get; init; }

    /// <summary>A checkpoint folder of this stage to continue from, or null to start at step 0.</summary>
    public string? ResumeFrom { get; init; }

    /// <summary>TensorBoard event files for this stage and optimizer go here; null = none.</summary>
    public string? TensorBoardDirectory { get; init; }

    /// <summary>Seeds LoRA initialization and dropout; defaults to the config's seed.</summary>
    public long? Seed { get; init; }

    /// <summary>What tokenizing the stage's split did; passed through to the result for the log.</summary>
    public TokenizationSummary? Tokenization { get; init; }

    /// <summary>Measures the forgetting curves every <c>evaluation.curve_interval</c> steps and at the stage's last
    /// step (<see cref="TrainingStepRecord.Curve"/>); null = no curves.</summary>
    public Evaluation.ForgettingCurveProbe? Curves { get; init; }

    /// <summary>Called once, before the first step (on the training thread), with the stage's total optimizer steps.</summary>
    public Action<long>? OnTotalSteps { get; init; }

    /// <summary>Called after every optimizer step (on the training thread).</summary>
    public Action<TrainingStepRecord>? OnStep { get; init; }

    /// <summary>Log lines (notices, skipped steps, checkpoints).</summary>
    public Action<string>? Log { get; init; }

    /// <summary>Steps with a non-finite gradient norm are skipped (no update); this many in a row stop the stage.</summary>
    public int MaxConsecutiveNonFiniteSteps { get; init; } = 5;
}
