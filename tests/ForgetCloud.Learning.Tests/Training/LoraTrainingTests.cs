using ForgetCloud.Contracts.Configuration;
using ForgetCloud.Learning.Lora;
using ForgetCloud.Learning.Training;
using static TorchSharp.torch;

namespace ForgetCloud.Learning.Tests.Training;

[Collection(nameof(TrainingCollection))]
public sealed class LoraTrainingTests
{
    [Fact]
    public void Lora_training_changes_only_the_adapters()
    {
        using var scenario = new TrainingScenario();
        var config = TrainingScenario.Config(OptimizerKind.Muon, lora: true, saveInterval: 100);
        using var model = TrainingScenario.Model(config);
        var before = TrainingScenario.Snapshot(model);

        TrainingScenario.Run(model, scenario.Request(config, "ckpt"));

        var after = TrainingScenario.Snapshot(model);
        foreach (var (name, values) in before) Assert.Equal(values, after[name]);
        var adapters = after.Where(p => p.Key.Contains(".lora_B.", StringComparison.Ordinal)).ToList();
        Assert.Equal(2 * 2, adapters.Count); // 2 layers x q_proj, v_proj (smoke.yaml)
        Assert.All(adapters, a => Assert.Contains(a.Value, v => v != 0));
    }

    [Fact]
    public void Stage_two_merge_and_new_folds_stage_one_adapters_into_the_base_and_starts_fresh_ones()
    {
        var config = TrainingScenario.Config(lora: true);
        config = config with { Model = config.Model with { LoraStage2Mode = LoraStage2Mode.MergeAndNew } };
        using var model = TrainingScenario.Model(config);
        StageModelSetup.Prepare(model, config.Model, stage: 1, seed: 5);
        var (_, _, q) = LoraAdapters.Adapted(model)[0];
        using (no_grad()) q.Lora!.B.Weight.copy_(randn(q.Lora.B.Weight.shape) * 0.1f);
        var expected = (q.Weight.detach() + q.Lora.B.Weight.detach().matmul(q.Lora.A.Weight.detach()) * q.Lora.Scale).clone();
        var oldA = q.Lora.A.Weight.detach().clone();

        StageModelSetup.Prepare(model, config.Model, stage: 2, seed: 5);

        Assert.True((q.Weight - expected).abs().max().item<float>() < 1e-6);
        Assert.False(q.Weight.requires_grad);
        Assert.Equal(0, q.Lora!.B.Weight.abs().sum().item<float>());
        Assert.False(q.Lora.A.Weight.allclose(oldA));
        Assert.Equal(2 * 2 * 2, model.named_parameters().Count(p => p.name.Contains(".lora_", StringComparison.Ordinal)));
    }

    [Fact]
    public void Stage_two_continue_keeps_the_adapters()
    {
        var config = TrainingScenario.Config(lora: true);
        using var model = TrainingScenario.Model(config);
        StageModelSetup.Prepare(model, config.Model, stage: 1, seed: 5);
        var (_, _, q) = LoraAdapters.Adapted(model)[0];
        var a = q.Lora!.A;

        Assert.Contains("continuing", StageModelSetup.Prepare(model, config.Model, stage: 2, seed: 5));
        Assert.Same(a, q.Lora!.A);
    }

    [Fact]
    public void Muon_reports_the_unused_seed_mu_once()
    {
        using var scenario = new TrainingScenario();
        var config = TrainingScenario.Config(OptimizerKind.Muon, epochs: 1, saveInterval: 100);
        config = config with { Optimizer = config.Optimizer with { Muon = config.Optimizer.Muon with { Mu = 0.9 } } };
        var log = new List<string>();
        using var model = TrainingScenario.Model(config);

        var result = TrainingScenario.Run(model, scenario.Request(config, "ckpt") with { Log = log.Add });

        Assert.Single(log, l => l.Contains("muon.mu", StringComparison.Ordinal));
        Assert.Single(result.Notices);
    }
}
