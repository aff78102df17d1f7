using ForgetCloud.Contracts.Configuration;
using ForgetCloud.Learning.Checkpoints;
using ForgetCloud.Learning.Serialization;
using ForgetCloud.Learning.Training;
using static TorchSharp.torch;

namespace ForgetCloud.Learning.Tests.Training;

[Collection(nameof(TrainingCollection))]
public sealed class MixedPrecisionTests
{
    [Fact]
    public void Bf16_full_fine_tuning_keeps_fp32_masters_and_rounds_them_into_the_model()
    {
        using var scenario = new TrainingScenario();
        var config = TrainingScenario.Config(dtype: Precision.Bf16, epochs: 1, saveInterval: 100);
        var records = new List<TrainingStepRecord>();
        using var model = TrainingScenario.Model(config);
        var before = TrainingScenario.Snapshot(model);

        var result = TrainingScenario.Run(model, scenario.Request(config, "ckpt", records));

        Assert.All(records, r => Assert.True(double.IsFinite(r.Loss) && !r.Skipped));
        Assert.All(model.parameters(), p => Assert.Equal(ScalarType.BFloat16, p.dtype));
        using var reader = SafetensorsReader.Open(Path.Combine(result.Checkpoint, "model.safetensors"));
        var changed = 0;
        foreach (var (name, parameter) in model.named_parameters())
        {
            Assert.Equal("F32", reader.Info(name).DType);
            using var master = reader.Read(name);
            // The model holds exactly the bf16 rounding of the fp32 master.
            Assert.True((master.to_type(ScalarType.BFloat16) - parameter).abs().max().to_type(ScalarType.Float32).item<float>() == 0, name);
            // Small Adam steps often vanish in bf16's 8-bit mantissa, but the fp32 master keeps them.
            if ((master - master.to_type(ScalarType.BFloat16).to_type(ScalarType.Float32)).abs().max().item<float>() > 0) changed++;
        }

        Assert.True(changed > 0, "no master weight carries precision beyond bf16");
        Assert.True(TrainingScenario.MaxDifference(before, TrainingScenario.Snapshot(model)) > 0);
    }

    [Fact]
    public void Bf16_lora_keeps_a_bf16_frozen_base_and_fp32_adapters()
    {
        using var scenario = new TrainingScenario();
        var config = TrainingScenario.Config(lora: true, dtype: Precision.Bf16, epochs: 1, saveInterval: 100);
        using var model = TrainingScenario.Model(config);
        TrainingScenario.Run(model, scenario.Request(config, "ckpt"));

        foreach (var (name, p) in model.named_parameters())
        {
            var adapter = name.Contains(".lora_", StringComparison.Ordinal);
            Assert.Equal(adapter ? ScalarType.Float32 : ScalarType.BFloat16, p.dtype);
            Assert.Equal(adapter, p.requires_grad);
        }
    }

    [Fact]
    public void Bf16_resume_is_exact_because_checkpoints_hold_the_fp32_masters()
    {
        using var scenario = new TrainingScenario();
        var config = TrainingScenario.Config(OptimizerKind.Muon, dtype: Precision.Bf16, saveInterval: 3);
        var full = new List<TrainingStepRecord>();
        using var uninterrupted = TrainingScenario.Model(config);
        TrainingScenario.Run(uninterrupted, scenario.Request(config, "a", full));
        var checkpoint = Directory.GetDirectories(scenario.Checkpoints("a"), "*_step_3").Single();
        var resumed = new List<TrainingStepRecord>();
        using var fresh = TrainingScenario.Model(config);
        TrainingScenario.Run(fresh, scenario.Request(config, "b", resumed) with { ResumeFrom = checkpoint });

        var lossDifference = full.Skip(3).Zip(resumed, (a, b) => Math.Abs(a.Loss - b.Loss)).Max();
        var weightDifference = TrainingScenario.MaxDifference(TrainingScenario.Snapshot(uninterrupted), TrainingScenario.Snapshot(fresh));
        TestContext.Current.SendDiagnosticMessage($"bf16 resume: max loss difference {lossDifference}, max weight difference {weightDifference}");
        Assert.True(lossDifference < 1e-5, $"loss differs by {lossDifference}");
        Assert.True(weightDifference < 1e-5, $"weights differ by {weightDifference}");
        Assert.Equal(StageCheckpoint.FindLatest(scenario.Checkpoints("a"), 1)!.Replace("/a/", "/b/", StringComparison.Ordinal),
            StageCheckpoint.FindLatest(scenario.Checkpoints("b"), 1));
    }
}
