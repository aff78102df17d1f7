using ForgetCloud.Contracts.Configuration;
using System.Collections.Immutable;
using ForgetCloud.Learning.Study;

namespace ForgetCloud.Learning.Tests.Study;

/// <summary>Small builders shared by the study workflow tests.</summary>
static class StudyScenario
{
    public const string ConfigRef = "configs/tiny.yaml#sha256:abc";

    public static StudyOptions OneArm(int maxAttempts = 3) =>
        new(ConfigRef, [ArmSpec.For(OptimizerKind.AdamW, 0)], MaxAttempts: maxAttempts);

    public static StudyOptions CompareTwoSeeds() =>
        new(ConfigRef, [ArmSpec.For(OptimizerKind.AdamW, 0), ArmSpec.For(OptimizerKind.AdamW, 1), ArmSpec.For(OptimizerKind.Muon, 0), ArmSpec.For(OptimizerKind.Muon, 1)]);

    public static CheckpointRef Ckpt(string arm, int stage, int step) =>
        new($"runs/r1/{arm}/checkpoints/stage{stage}/step_{step}", step);

    public static string EvalRef(string arm, int stage) => $"runs/r1/{arm}/eval/stage{stage}.json";

    public static ImmutableArray<string> Datasets => ["datasets/gsm8k-1234", "datasets/aqua-5678"];

    /// <summary>A study that is started and has its datasets: the state right after the first train/evaluate commands.</summary>
    public static StudyState Running(StudyOptions options) =>
        StudyWorkflow.ApplyAll(StudyState.New("r1"), [new StudyStarted(options), new DatasetsPrepared(Datasets)]).State;

    /// <summary>Applies <paramref name="e"/>, moves <paramref name="state"/> on, and returns the transition.</summary>
    public static StudyTransition Step(ref StudyState state, StudyEvent e)
    {
        var t = StudyWorkflow.Apply(state, e);
        state = t.State;
        return t;
    }

    public static void AssertIgnored(StudyState before, StudyTransition t)
    {
        Assert.True(t.WasIgnored, "expected the event to be ignored");
        Assert.False(string.IsNullOrWhiteSpace(t.IgnoredReason));
        Assert.Same(before, t.State);
        Assert.Empty(t.Commands);
    }

    public static StageState Stage(StudyState state, string arm, int stage) => state.FindArm(arm)!.Stage(stage);
}
