using ForgetCloud.Contracts.Configuration;
using ForgetCloud.Learning.Checkpoints;
using ForgetCloud.Learning.Execution;
using ForgetCloud.Learning.Modeling;
using ForgetCloud.Learning.Tests.Training;
using ForgetCloud.Learning.Training;

namespace ForgetCloud.Learning.Tests.Execution;

[Collection(nameof(TrainingCollection))]
public sealed class StageRunnerTests
{
    [Fact]
    public async Task Stage_one_runs_every_step_and_ends_in_the_final_checkpoint()
    {
        using var scenario = new ExecutionScenario();
        var config = ExecutionScenario.Config();
        var data = ExecutionScenario.Data(config);
        var steps = new List<TrainingStepRecord>();
        var totals = new List<long>();
        var result = await StageRunner.RunAsync(scenario.Stage(config, data, 1) with
        {
            OnTotalSteps = totals.Add,
            // The total is known before the first step: what the Trainer sends in every StageProgress.
            OnStep = s => steps.Add(totals.Count == 1 ? s : throw new InvalidOperationException("a step before the total")),
            TensorBoardDirectory = scenario.Path_("tb"),
        }, TestContext.Current.CancellationToken);

        // 8 examples, batch 4, 1 epoch: ceil(8/4) = 2 steps.
        Assert.True(result.Completed);
        Assert.Equal(2, result.TotalSteps);
        Assert.Equal([2L], totals);
        Assert.Equal([1L, 2L], steps.Select(s => s.Step));
        Assert.Equal(Path.Combine(scenario.Path_("checkpoints"), StageCheckpoint.DirectoryName(1, 0, 2)), result.Checkpoint);
        Assert.Equal(data.Stage1.Summary, result.Tokenization);
        Assert.NotEmpty(Directory.GetFiles(scenario.Path_("tb"), "events.out.tfevents.*"));
    }

    [Fact]
    public async Task Stage_two_starts_from_stage_one_and_a_cancelled_stage_resumes_to_the_same_weights()
    {
        using var scenario = new ExecutionScenario();
        var config = ExecutionScenario.Config();
        var data = ExecutionScenario.Data(config);
        var token = TestContext.Current.CancellationToken;
        var stage1 = await StageRunner.RunAsync(scenario.Stage(config, data, 1), token);

        // Uninterrupted stage 2, into its own folder.
        var full = await StageRunner.RunAsync(
            scenario.Stage(config, data, 2, [stage1.Checkpoint]) with { CheckpointDirectory = scenario.Path_("full") }, token);

        // Stage 2 cancelled after its first step, then resumed from the checkpoint the cancellation saved.
        using var cancel = new CancellationTokenSource();
        var stopped = await StageRunner.RunAsync(
            scenario.Stage(config, data, 2, [stage1.Checkpoint]) with { CheckpointDirectory = scenario.Path_("split"), OnStep = _ => cancel.Cancel() },
            cancel.Token);
        Assert.False(stopped.Completed);
        Assert.Equal(1, stopped.Steps);
        var resumed = await StageRunner.RunAsync(
            scenario.Stage(config, data, 2, [stage1.Checkpoint]) with { CheckpointDirectory = scenario.Path_("split"), ResumeFrom = stopped.Checkpoint }, token);
        Assert.True(resumed.Completed);

        using var a = await StudyModelBuilder.BuildTrainedAsync(config, [stage1.Checkpoint, full.Checkpoint], cancellationToken: token);
        using var b = await StudyModelBuilder.BuildTrainedAsync(config, [stage1.Checkpoint, resumed.Checkpoint], cancellationToken: token);
        using var s1 = await StudyModelBuilder.BuildTrainedAsync(config, [stage1.Checkpoint], cancellationToken: token);
        Assert.Equal(0, TrainingScenario.MaxDifference(ExecutionScenario.Weights(a.Model), ExecutionScenario.Weights(b.Model)));
        // Stage 2 moved the weights away from stage 1's.
        Assert.True(TrainingScenario.MaxDifference(ExecutionScenario.Weights(a.Model), ExecutionScenario.Weights(s1.Model)) > 1e-4);
    }

    [Fact]
    public async Task Stage_one_with_an_init_checkpoint_is_rejected()
    {
        using var scenario = new ExecutionScenario();
        var config = ExecutionScenario.Config();
        var data = ExecutionScenario.Data(config);
        var e = await Assert.ThrowsAsync<ArgumentException>(() => StageRunner.RunAsync(scenario.Stage(config, data, 1, ["x"]), TestContext.Current.CancellationToken));
        Assert.Contains("stage 1 starts from the base model", e.Message, StringComparison.Ordinal);
    }
}
