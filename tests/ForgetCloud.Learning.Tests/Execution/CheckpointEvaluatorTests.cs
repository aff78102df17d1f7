using ForgetCloud.Contracts.Configuration;
using ForgetCloud.Learning.Evaluation;
using ForgetCloud.Learning.Execution;
using ForgetCloud.Learning.Modeling;
using ForgetCloud.Learning.Tests.Training;

namespace ForgetCloud.Learning.Tests.Execution;

[Collection(nameof(TrainingCollection))]
public sealed class CheckpointEvaluatorTests
{
    [Fact]
    public async Task A_checkpoint_evaluates_like_the_model_loaded_by_hand_and_its_records_are_written()
    {
        using var scenario = new ExecutionScenario();
        var config = ExecutionScenario.Config();
        var data = ExecutionScenario.Data(config);
        var token = TestContext.Current.CancellationToken;
        var stage1 = await StageRunner.RunAsync(scenario.Stage(config, data, 1), token);
        var progress = new List<EvaluationProgress>();

        var result = await CheckpointEvaluator.EvaluateAsync(new CheckpointEvaluationRequest
        {
            Config = config, ArmId = "adamw", Stage = 1, Data = data, RecordsDirectory = scenario.Path_("records"),
            Checkpoints = [stage1.Checkpoint], Progress = new SynchronousProgress(progress.Add),
        }, token);

        // Independently: the checkpoint folder is a Hugging Face model directory; load it and evaluate directly.
        using var model = LlamaCheckpoint.Load(stage1.Checkpoint);
        var expected = new ModelEvaluator(model, ExecutionScenario.Tokenizer, EvaluationOptions.FromConfig(config.Evaluation))
            .Evaluate("adamw", 1, stage1.Checkpoint, data.Gsm8kTest, data.AquaRatTest, cancellationToken: token);
        Assert.Equal(3, result.Evaluation.Gsm8k.Count);
        Assert.Equal(2, result.Evaluation.AquaRat.Count);
        Assert.Equal(expected.Gsm8k, result.Evaluation.Gsm8k);
        Assert.Equal(expected.AquaRat.Select(a => (a.Id, a.RationaleNllSum, a.Predicted)), result.Evaluation.AquaRat.Select(a => (a.Id, a.RationaleNllSum, a.Predicted)));
        Assert.Equal(stage1.Checkpoint, result.Evaluation.Checkpoint);

        var read = EvaluationRecordFiles.ReadStage(scenario.Path_("records"), "adamw", 1, stage1.Checkpoint);
        Assert.Equal(result.Evaluation.Gsm8k, read.Gsm8k);
        Assert.Equal(Path.Combine(scenario.Path_("records"), "gsm8k_stage1.jsonl"), result.Gsm8kRecords);
        Assert.NotEmpty(progress);
        Assert.Equal(progress[^1].Total, progress[^1].Done);
    }

    [Fact]
    public async Task The_checkpoint_count_must_match_the_stage()
    {
        using var scenario = new ExecutionScenario();
        var config = ExecutionScenario.Config();
        var data = ExecutionScenario.Data(config);
        var e = await Assert.ThrowsAsync<ArgumentException>(() => CheckpointEvaluator.EvaluateAsync(new CheckpointEvaluationRequest
        {
            Config = config, ArmId = "adamw", Stage = 1, Data = data, RecordsDirectory = scenario.Path_("records"), Checkpoints = ["a", "b"],
        }, TestContext.Current.CancellationToken));
        Assert.Contains("stages 1..1", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cancellation_abandons_the_evaluation_without_records()
    {
        using var scenario = new ExecutionScenario();
        var config = ExecutionScenario.Config();
        var data = ExecutionScenario.Data(config);
        using var cancel = new CancellationTokenSource();
        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => CheckpointEvaluator.EvaluateAsync(new CheckpointEvaluationRequest
        {
            Config = config, ArmId = "adamw", Stage = 0, Data = data, RecordsDirectory = scenario.Path_("records"),
        }, cancel.Token));
        Assert.False(File.Exists(Path.Combine(scenario.Path_("records"), "gsm8k_stage0.jsonl")));
    }

    private sealed class SynchronousProgress(Action<EvaluationProgress> report) : IProgress<EvaluationProgress>
    {
        public void Report(EvaluationProgress value) => report(value);
    }
}
