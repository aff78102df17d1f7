namespace ForgetCloud.Reporting.History;

/// <summary>
/// One optimizer step of one training stage, as the training loop reports it (the arm is given by where it is filed).
/// </summary>
/// <param name="Stage">1 (GSM8K) or 2 (AQUA-RAT).</param>
/// <param name="Step">Optimizer step within the stage, counted from 1.</param>
/// <param name="Epoch">Fractional epoch at the end of the step (e.g. 1.25 = a quarter into the second epoch).</param>
/// <param name="Loss">Mean training loss (nats per target token) of the step's batch(es).</param>
/// <param name="LearningRate">Learning rate used for the step (after warmup/schedule).</param>
/// <param name="GradNorm">Global L2 norm of the gradients before clipping; null when not computed.</param>
/// <param name="TokensPerSecond">Training throughput over the step (target and context tokens); null when not measured.</param>
public sealed record TrainingStepRecord(
    int Stage,
    long Step,
    double Epoch,
    double Loss,
    double LearningRate,
    double? GradNorm = null,
    double? TokensPerSecond = null);
