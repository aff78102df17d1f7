using static TorchSharp.torch;

namespace ForgetCloud.Learning.Training;

/// <summary>
/// Writes a stage's per-step scalars as TensorBoard event files (TorchSharp's SummaryWriter appends each event to
/// the file as it is added, so nothing needs flushing): train/loss, train/lr, train/grad_norm, train/tokens_per_s, and
/// on the steps that measured the forgetting curves curve/gsm8k/nll and curve/aqua_rat/nll.
/// A resumed stage writes a new event file in the same directory; TensorBoard merges them by step.
/// </summary>
public sealed class TensorBoardLog
{
    public const string Loss = "train/loss";
    public const string LearningRate = "train/lr";
    public const string GradNorm = "train/grad_norm";
    public const string TokensPerSecond = "train/tokens_per_s";
    public const string Gsm8kCurve = "curve/gsm8k/nll";
    public const string AquaRatCurve = "curve/aqua_rat/nll";

    private readonly TorchSharp.Modules.SummaryWriter _writer;

    public TensorBoardLog(string directory)
    {
        Directory.CreateDirectory(directory);
        _writer = utils.tensorboard.SummaryWriter(directory);
    }

    public void Write(TrainingStepRecord record)
    {
        var step = checked((int)record.Step);
        _writer.add_scalar(Loss, (float)record.Loss, step);
        _writer.add_scalar(LearningRate, (float)record.LearningRate, step);
        _writer.add_scalar(GradNorm, (float)record.GradNorm, step);
        _writer.add_scalar(TokensPerSecond, (float)record.TokensPerSecond, step);
        if (record.Curve is { } curve)
        {
            _writer.add_scalar(Gsm8kCurve, (float)curve.Gsm8kNll, step);
            _writer.add_scalar(AquaRatCurve, (float)curve.AquaRatNll, step);
        }
    }
}
