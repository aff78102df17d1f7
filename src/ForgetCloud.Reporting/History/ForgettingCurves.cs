using ForgetCloud.Learning.Training;

namespace ForgetCloud.Reporting.History;

/// <summary>
/// The content of <c>forgetting_curves.json</c>: per arm, both tasks' held-out answer NLL at the training steps that
/// measured it (<c>evaluation.curve_interval</c>; the config is in experiment_metadata.json). Read from the step
/// records of <see cref="TrainingHistory"/>, so a resumed stage keeps the points measured before it stopped.
/// </summary>
public sealed record ForgettingCurves(int SchemaVersion, IReadOnlyList<ArmCurves> Arms)
{
    public const int CurrentSchemaVersion = 1;

    /// <summary>True when any arm has a point (a study without curves writes no curve files).</summary>
    public bool Any => Arms.Any(a => a.Points.Count > 0);

    public static ForgettingCurves FromHistory(TrainingHistory history)
    {
        ArgumentNullException.ThrowIfNull(history);
        return new ForgettingCurves(CurrentSchemaVersion, [.. history.Arms.Select(Arm)]);
    }

    private static ArmCurves Arm(ArmTrainingHistory arm)
    {
        // Stage 2's steps continue stage 1's on one axis; a stage 1 finished elsewhere contributes no offset.
        var stage1Steps = arm.Stages.FirstOrDefault(s => s.Stage == 1)?.Steps is { Count: > 0 } steps ? steps[^1].Step : 0;
        var points = arm.Stages
            .SelectMany(stage => stage.Steps)
            .Where(s => s.Curve is not null)
            .Select(s => new CurveSample(s.Stage, s.Step, s.Stage == 1 ? s.Step : stage1Steps + s.Step, s.Curve!.Gsm8kNll, s.Curve.AquaRatNll))
            .ToArray();
        return new ArmCurves(arm.ArmId, arm.Optimizer, arm.Seed, stage1Steps, points);
    }
}

/// <summary>One arm's curve.</summary>
/// <param name="Stage1Steps">Stage 1's last step: where stage 2 begins on <see cref="CurveSample.GlobalStep"/>.</param>
public sealed record ArmCurves(string ArmId, string Optimizer, int Seed, long Stage1Steps, IReadOnlyList<CurveSample> Points);

/// <summary>One measurement, after the update of <paramref name="Step"/> of <paramref name="Stage"/>.</summary>
/// <param name="GlobalStep">Steps since the start of stage 1 (stage 2's steps follow stage 1's).</param>
/// <param name="Gsm8kNll">GSM8K (the stage-1 task) answer NLL, nats per token.</param>
/// <param name="AquaRatNll">AQUA-RAT (the stage-2 task) answer NLL, nats per token.</param>
public sealed record CurveSample(int Stage, long Step, long GlobalStep, double Gsm8kNll, double AquaRatNll);
