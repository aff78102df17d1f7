namespace ForgetCloud.Contracts.Configuration;

/// <summary>One training stage (<c>training.stage1</c> or <c>training.stage2</c>).</summary>
public sealed record StageConfig
{
    /// <summary><c>dataset</c>: what the stage trains on.</summary>
    public DatasetKind Dataset { get; init; } = DatasetKind.Gsm8k;

    /// <summary><c>split</c>: the split the stage trains on; one of <see cref="DatasetCatalog.Splits"/> for the dataset.</summary>
    public string Split { get; init; } = "train";

    /// <summary><c>max_examples</c>: train on the first N examples of the split in file order; null = all.</summary>
    public int? MaxExamples { get; init; }

    /// <summary><c>epochs</c>: passes over the (limited) split (≥ 1).</summary>
    public int Epochs { get; init; } = 3;

    /// <summary><c>batch_size</c>: sequences per micro-batch (≥ 1).</summary>
    public int BatchSize { get; init; } = 4;

    /// <summary><c>gradient_accumulation_steps</c>: micro-batches per optimizer step (≥ 1).</summary>
    public int GradientAccumulationSteps { get; init; } = 4;

    /// <summary><c>learning_rate</c>: the peak learning rate (&gt; 0), for AdamW and (AdamW-matched) Muon alike.</summary>
    public double LearningRate { get; init; } = 2e-4;

    /// <summary><c>weight_decay</c>: decoupled weight decay (≥ 0).</summary>
    public double WeightDecay { get; init; } = 0.01;

    /// <summary><c>warmup_steps</c>: optimizer steps of linear warmup from 0; null when <see cref="WarmupRatio"/> is set.</summary>
    public int? WarmupSteps { get; init; } = 100;

    /// <summary><c>warmup_ratio</c>: warmup as a fraction of the stage's optimizer steps, in [0, 1); null when <see cref="WarmupSteps"/> is set.</summary>
    public double? WarmupRatio { get; init; }

    /// <summary><c>lr_scheduler_type</c>: the decay after warmup.</summary>
    public LrSchedulerType LrSchedulerType { get; init; } = LrSchedulerType.Linear;

    /// <summary><c>max_grad_norm</c>: clip the global gradient norm to this (&gt; 0); null = no clipping.</summary>
    public double? MaxGradNorm { get; init; } = 1.0;

    /// <summary><c>max_length</c>: tokens per sequence (prompt + answer); longer examples are truncated and counted (≥ 2).</summary>
    public int MaxLength { get; init; } = 1024;

    /// <summary>
    /// The warmup in optimizer steps for a stage of <paramref name="totalSteps"/> steps: <see cref="WarmupSteps"/>,
    /// or <see cref="WarmupRatio"/> × total rounded up, never more than the total.
    /// </summary>
    public int WarmupStepsFor(int totalSteps)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(totalSteps);
        var steps = WarmupRatio is { } ratio ? (int)Math.Ceiling(ratio * totalSteps) : WarmupSteps ?? 0;
        return Math.Min(steps, totalSteps);
    }
}
