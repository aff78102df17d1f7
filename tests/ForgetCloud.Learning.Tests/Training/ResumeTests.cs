using ForgetCloud.Contracts.Configuration;
using ForgetCloud.Learning.Checkpoints;
using ForgetCloud.Learning.Training;

namespace ForgetCloud.Learning.Tests.Training;

[Collection(nameof(TrainingCollection))]
public sealed class ResumeTests
{
    [Theory]
    [InlineData(OptimizerKind.AdamW, false, 1)]
    [InlineData(OptimizerKind.Muon, false, 2)]
    [InlineData(OptimizerKind.AdamW, true, 1)]
    [InlineData(OptimizerKind.Muon, true, 2)]
    public void Resuming_from_a_mid_stage_checkpoint_reproduces_the_uninterrupted_run(OptimizerKind optimizer, bool lora, int accumulation)
    {
        using var scenario = new TrainingScenario();
        // LoRA with dropout 0.1: only a restored generator state repeats the same dropout masks.
        var config = TrainingScenario.Config(optimizer, lora, batchSize: 4 / accumulation, accumulation: accumulation, saveInterval: 3);
        var full = new List<TrainingStepRecord>();
        using var uninterrupted = TrainingScenario.Model(config);
        TrainingScenario.Run(uninterrupted, scenario.Request(config, "a", full));
        Assert.Equal(8, full.Count);

        var checkpoint = Directory.GetDirectories(scenario.Checkpoints("a"), "stage1_checkpoint_epoch_0_step_3").Single();
        var resumed = new List<TrainingStepRecord>();
        using var fresh = TrainingScenario.Model(config);
        var result = TrainingScenario.Run(fresh, scenario.Request(config, "b", resumed) with { ResumeFrom = checkpoint });

        Assert.True(result.Completed);
        Assert.Equal(full.Skip(3).Select(r => r.Step), resumed.Select(r => r.Step));
        foreach (var (a, b) in full.Skip(3).Zip(resumed))
        {
            Assert.True(Math.Abs(a.Loss - b.Loss) < 1e-5, $"step {a.Step}: loss {a.Loss} uninterrupted, {b.Loss} resumed");
            Assert.Equal(a.LearningRate, b.LearningRate);
        }

        var difference = TrainingScenario.MaxDifference(TrainingScenario.Snapshot(uninterrupted), TrainingScenario.Snapshot(fresh));
        Assert.True(difference < 1e-5, $"final weights differ by {difference}");
    }

    [Fact]
    public void Cancellation_saves_after_the_current_step_and_the_same_request_resumes()
    {
        using var scenario = new TrainingScenario();
        var config = TrainingScenario.Config(OptimizerKind.AdamW, lora: true, saveInterval: 100);
        using var reference = TrainingScenario.Model(config);
        TrainingScenario.Run(reference, scenario.Request(config, "reference"));

        using var cancel = new CancellationTokenSource();
        using var first = TrainingScenario.Model(config);
        var request = scenario.Request(config, "run") with { OnStep = r => { if (r.Step == 5) cancel.Cancel(); } };
        var stopped = StageTrainer.Train(first, request, cancel.Token);

        Assert.False(stopped.Completed);
        Assert.Equal(5, stopped.Steps);
        Assert.Equal(StageCheckpoint.DirectoryName(1, 1, 5), Path.GetFileName(stopped.Checkpoint));
        Assert.Equal(stopped.Checkpoint, StageCheckpoint.FindLatest(scenario.Checkpoints("run"), 1));

        using var second = TrainingScenario.Model(config);
        var finished = TrainingScenario.Run(second, request with { OnStep = null, ResumeFrom = StageCheckpoint.FindLatest(request.CheckpointDirectory, 1) });

        Assert.True(finished.Completed);
        Assert.Equal(8, finished.Steps);
        var difference = TrainingScenario.MaxDifference(TrainingScenario.Snapshot(reference), TrainingScenario.Snapshot(second));
        Assert.True(difference < 1e-5, $"final weights differ by {difference}");
    }

    [Fact]
    public void A_checkpoint_of_another_optimizer_is_rejected()
    {
        using var scenario = new TrainingScenario();
        var config = TrainingScenario.Config(OptimizerKind.AdamW, saveInterval: 100, epochs: 1);
        using (var model = TrainingScenario.Model(config)) TrainingScenario.Run(model, scenario.Request(config, "a"));
        var muon = config with { Optimizer = config.Optimizer with { Type = OptimizerKind.Muon } };
        using var other = TrainingScenario.Model(muon);

        var error = Assert.Throws<CheckpointException>(() => TrainingScenario.Run(other,
            scenario.Request(muon, "b") with { ResumeFrom = StageCheckpoint.FindLatest(scenario.Checkpoints("a"), 1) }));
        Assert.Contains("trained with adamw, this run uses muon", error.Message);
    }
}
