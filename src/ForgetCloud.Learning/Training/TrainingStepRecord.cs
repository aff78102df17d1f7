using System.Text.Json.Serialization;
using ForgetCloud.Learning.Evaluation;

namespace ForgetCloud.Learning.Training;

/// <summary>One optimizer step of a stage, as logged (callback, TensorBoard, training history).</summary>
/// <param name="Stage">1 or 2.</param>
/// <param name="Epoch">0-based epoch the step's batches belong to.</param>
/// <param name="Step">1-based optimizer step within the stage (the scheduler and checkpoint step).</param>
/// <param name="Loss">Mean next-token cross-entropy over the step's scored (answer) tokens, all micro-batches together.</param>
/// <param name="LearningRate">The learning rate the step used.</param>
/// <param name="GradNorm">Global L2 gradient norm before clipping (may be non-finite on a skipped step).</param>
/// <param name="Tokens">Real (unpadded) input tokens of the step.</param>
/// <param name="ScoredTokens">Answer tokens the loss counted.</param>
/// <param name="TokensPerSecond">Tokens / wall time of the step.</param>
/// <param name="Elapsed">Training wall time of the stage so far, across resumes.</param>
/// <param name="Skipped">True when the gradient norm was not finite and the update was skipped.</param>
/// <param name="Curve">Both tasks' held-out answer NLL after this step's update, on the steps
/// <c>evaluation.curve_interval</c> selects and the stage's last; null on the others.</param>
public sealed record TrainingStepRecord(
    int Stage,
    int Epoch,
    long Step,
    double Loss,
    double LearningRate,
    double GradNorm,
    long Tokens,
    long ScoredTokens,
    double TokensPerSecond,
    TimeSpan Elapsed,
    bool Skipped,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] CurvePoint? Curve = null);
