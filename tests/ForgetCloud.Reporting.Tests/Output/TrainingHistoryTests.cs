using ForgetCloud.Contracts.Configuration;
using ForgetCloud.Learning.Study;
using ForgetCloud.Learning.Training;
using ForgetCloud.Reporting.History;

namespace ForgetCloud.Reporting.Tests.Output;

public class TrainingHistoryTests
{
    private static readonly ArmSpec[] Arms = [ArmSpec.For(OptimizerKind.AdamW, 0)];

    [Fact]
    public void Records_are_grouped_by_stage_in_order()
    {
        TrainingStepRecord[] records =
        [
            Step(1, 1, 2.0, 1e-4), Step(1, 2, 1.8, 2e-4, 0.9, 3000), Step(2, 1, 2.5, 1e-4),
        ];

        var history = TrainingHistory.Create(Arms, new Dictionary<string, IReadOnlyList<TrainingStepRecord>> { ["adamw_seed0"] = records });

        var arm = Assert.Single(history.Arms);
        Assert.Equal([1, 2], arm.Stages.Select(s => s.Stage));
        Assert.Equal([2.0, 1.8], arm.Stages[0].Losses);
        Assert.Equal([1e-4, 2e-4], arm.Stages[0].LearningRates);
    }

    [Fact]
    public void Bad_records_are_rejected_naming_arm_and_value()
    {
        var repeat = Assert.Throws<ArgumentException>(() => TrainingHistory.Create(Arms,
            new Dictionary<string, IReadOnlyList<TrainingStepRecord>> { ["adamw_seed0"] = [Step(1, 5, 1, 1e-4), Step(1, 5, 1, 1e-4)] }));
        Assert.Contains("step 5 follows step 5", repeat.Message);

        var nan = Assert.Throws<ArgumentException>(() => TrainingHistory.Create(Arms,
            new Dictionary<string, IReadOnlyList<TrainingStepRecord>> { ["adamw_seed0"] = [Step(1, 1, double.NaN, 1e-4)] }));
        Assert.Contains("loss NaN", nan.Message);

        var unknown = Assert.Throws<ArgumentException>(() => TrainingHistory.Create(Arms,
            new Dictionary<string, IReadOnlyList<TrainingStepRecord>> { ["muon_seed0"] = [] }));
        Assert.Contains("muon_seed0", unknown.Message);

        var stage = Assert.Throws<ArgumentException>(() => TrainingHistory.Create(Arms,
            new Dictionary<string, IReadOnlyList<TrainingStepRecord>> { ["adamw_seed0"] = [Step(3, 1, 1, 1e-4)] }));
        Assert.Contains("stage 3", stage.Message);

        var skipped = Assert.Throws<ArgumentException>(() => TrainingHistory.Create(Arms,
            new Dictionary<string, IReadOnlyList<TrainingStepRecord>> { ["adamw_seed0"] = [Step(1, 1, 1, 1e-4) with { Skipped = true }] }));
        Assert.Contains("skipped step", skipped.Message);
    }

    /// <summary>The trainer's record with what these tests vary; epoch 0, 512 tokens of which 128 scored.</summary>
    private static TrainingStepRecord Step(int stage, long step, double loss, double lr, double gradNorm = 1.0, double tokensPerSecond = 2500) =>
        new(stage, 0, step, loss, lr, gradNorm, 512, 128, tokensPerSecond, TimeSpan.FromSeconds(step), false);
}
