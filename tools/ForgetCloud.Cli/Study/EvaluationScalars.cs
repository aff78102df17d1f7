using ForgetCloud.Reporting.Scores;
using static TorchSharp.torch;

namespace ForgetCloud.Cli.Study;

/// <summary>
/// Evaluation scalars in TensorBoard beside the trainer's <c>train/*</c> runs: run <c>{tensorboard_dir}/{arm}/eval</c>,
/// x axis = stage (0 base, 1, 2), tags <c>eval/gsm8k/accuracy</c> (flexible-extract), <c>eval/gsm8k/strict_accuracy</c>,
/// <c>eval/gsm8k/nll</c>, <c>eval/aqua_rat/accuracy</c> (log-likelihood acc), <c>eval/aqua_rat/acc_norm</c>,
/// <c>eval/aqua_rat/generated_accuracy</c>, <c>eval/aqua_rat/nll</c>.
/// </summary>
internal static class EvaluationScalars
{
    public static void Write(string directory, int stage, Gsm8kScores gsm8k, AquaRatScores aquaRat)
    {
        Directory.CreateDirectory(directory);
        var writer = utils.tensorboard.SummaryWriter(directory);
        writer.add_scalar("eval/gsm8k/accuracy", (float)gsm8k.FlexibleAccuracy.Estimate, stage);
        writer.add_scalar("eval/gsm8k/strict_accuracy", (float)gsm8k.StrictAccuracy.Estimate, stage);
        writer.add_scalar("eval/gsm8k/nll", (float)gsm8k.AnswerNll.Estimate, stage);
        writer.add_scalar("eval/aqua_rat/accuracy", (float)aquaRat.Accuracy.Estimate, stage);
        writer.add_scalar("eval/aqua_rat/acc_norm", (float)aquaRat.AccuracyNorm.Estimate, stage);
        writer.add_scalar("eval/aqua_rat/generated_accuracy", (float)aquaRat.GenerationAccuracy.Estimate, stage);
        writer.add_scalar("eval/aqua_rat/nll", (float)aquaRat.RationaleNll.Estimate, stage);
    }
}
