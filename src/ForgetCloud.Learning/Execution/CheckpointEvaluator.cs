using ForgetCloud.Learning.Evaluation;

namespace ForgetCloud.Learning.Execution;

/// <summary>
/// Evaluates the base model or a stage's final checkpoint on both test sets (<see cref="ModelEvaluator"/> with
/// <see cref="EvaluationOptions.FromConfig"/>) and writes the per-example records
/// (<see cref="EvaluationRecordFiles.WriteStage"/>). The model is built for the call and freed after it.
/// </summary>
public static class CheckpointEvaluator
{
    /// <summary>
    /// Runs the evaluation; cancellation abandons it (<see cref="OperationCanceledException"/>, nothing written).
    /// Returns the evaluation and the two record files it wrote.
    /// </summary>
    public static async Task<CheckpointEvaluationResult> EvaluateAsync(
        CheckpointEvaluationRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Stage is < 0 or > 2) throw new ArgumentOutOfRangeException(nameof(request), request.Stage, "stages are 0 (base), 1 and 2");
        // Stage N is evaluated from the final checkpoints of stages 1..N; an earlier stage may be missing when it was
        // finished elsewhere (--resume-stage2 alone), so 1..N checkpoints are accepted.
        var fits = request.Stage == 0 ? request.Checkpoints.Count == 0 : request.Checkpoints.Count >= 1 && request.Checkpoints.Count <= request.Stage;
        if (!fits)
        {
            throw new ArgumentException(request.Stage == 0
                ? $"stage 0 evaluates the base model: no checkpoints expected, got {request.Checkpoints.Count}"
                : $"evaluating stage {request.Stage} needs the final checkpoints of stages 1..{request.Stage} in order (1 to {request.Stage} of them), got {request.Checkpoints.Count}");
        }

        var options = EvaluationOptions.FromConfig(request.Config.Evaluation);
        using var built = await StudyModelBuilder.BuildTrainedAsync(request.Config, request.Checkpoints, request.Hub, cancellationToken).ConfigureAwait(false);
        var evaluator = new ModelEvaluator(built.Model, built.Tokenizer, options);
        var checkpoint = request.Checkpoints.Count > 0 ? request.Checkpoints[^1] : null;
        var evaluation = await Task.Run(
            () => evaluator.Evaluate(request.ArmId, request.Stage, checkpoint, request.Data.Gsm8kTest, request.Data.AquaRatTest, request.Progress, cancellationToken),
            CancellationToken.None).ConfigureAwait(false);
        var (gsm8k, aquaRat) = EvaluationRecordFiles.WriteStage(request.RecordsDirectory, evaluation);
        return new CheckpointEvaluationResult(evaluation, gsm8k, aquaRat);
    }
}
