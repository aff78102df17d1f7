using ForgetCloud.Contracts.Configuration;
using ForgetCloud.Learning.Checkpoints;
using ForgetCloud.Learning.Execution;
using ForgetCloud.Learning.Modeling;
using ForgetCloud.Learning.Tests.Training;
using static TorchSharp.torch;

namespace ForgetCloud.Learning.Tests.Execution;

[Collection(nameof(TrainingCollection))]
public sealed class StudyModelBuilderTests
{
    [Theory]
    [InlineData(Precision.Fp32, ScalarType.Float32)]
    [InlineData(Precision.Bf16, ScalarType.BFloat16)]
    public async Task The_base_is_the_preset_in_the_config_dtype_with_its_tokenizer(Precision precision, ScalarType expected)
    {
        var config = ExecutionScenario.Config(dtype: precision);
        using var built = await StudyModelBuilder.BuildBaseAsync(config, cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal(expected, built.Model.DType);
        Assert.Equal(ModelSourceKind.Preset, built.Source.Kind);
        Assert.Equal(ExecutionScenario.Tokenizer.VocabSize, built.Tokenizer.VocabSize);
        Assert.False(built.Model.training);
        // The preset's initialization is seeded: two builds are equal, and equal to ModelFactory's.
        using var reference = ModelFactory.Create(ModelPresets.Smoke, expected);
        Assert.Equal(0, TrainingScenario.MaxDifference(ExecutionScenario.Weights(reference), ExecutionScenario.Weights(built.Model)));
    }

    [Fact]
    public async Task A_lora_checkpoint_is_loaded_as_its_adapters_on_the_base()
    {
        using var scenario = new ExecutionScenario();
        var config = ExecutionScenario.Config(lora: true);
        var data = ExecutionScenario.Data(config);
        var token = TestContext.Current.CancellationToken;
        var stage1 = await StageRunner.RunAsync(scenario.Stage(config, data, 1), token);

        using var trained = await StudyModelBuilder.BuildTrainedAsync(config, [stage1.Checkpoint], cancellationToken: token);
        using var @base = await StudyModelBuilder.BuildBaseAsync(config, cancellationToken: token);
        var adapters = ExecutionScenario.Weights(trained.Model).Where(kv => kv.Key.Contains(".lora_", StringComparison.Ordinal)).ToDictionary();
        Assert.Equal(2 * 2 * ModelPresets.Smoke.Config.NumHiddenLayers, adapters.Count); // q_proj, v_proj x A, B per layer
        // The base weights are untouched; B moved away from its zero initialization.
        var baseWeights = ExecutionScenario.Weights(@base.Model);
        var trainedBase = ExecutionScenario.Weights(trained.Model).Where(kv => baseWeights.ContainsKey(kv.Key)).ToDictionary();
        Assert.Equal(0, TrainingScenario.MaxDifference(baseWeights, trainedBase));
        Assert.Contains(adapters, kv => kv.Key.Contains("lora_B", StringComparison.Ordinal) && kv.Value.Any(v => v != 0));
    }

    [Fact]
    public async Task A_checkpoint_of_the_other_kind_is_rejected()
    {
        using var scenario = new ExecutionScenario();
        var config = ExecutionScenario.Config();
        var data = ExecutionScenario.Data(config);
        var token = TestContext.Current.CancellationToken;
        var stage1 = await StageRunner.RunAsync(scenario.Stage(config, data, 1), token);
        var e = await Assert.ThrowsAsync<CheckpointException>(() =>
            StudyModelBuilder.BuildTrainedAsync(ExecutionScenario.Config(lora: true), [stage1.Checkpoint], cancellationToken: token));
        Assert.Contains("full fine-tuning", e.Message, StringComparison.Ordinal);
        Assert.Contains("model.use_lora", e.Message, StringComparison.Ordinal);
    }
}
