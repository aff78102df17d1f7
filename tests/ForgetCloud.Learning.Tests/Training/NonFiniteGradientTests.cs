using ForgetCloud.Learning.Training;
using static TorchSharp.torch;

namespace ForgetCloud.Learning.Tests.Training;

[Collection(nameof(TrainingCollection))]
public sealed class NonFiniteGradientTests
{
    [Fact]
    public void Non_finite_steps_are_skipped_and_too_many_in_a_row_stop_the_stage()
    {
        using var scenario = new TrainingScenario();
        var config = TrainingScenario.Config(epochs: 1, saveInterval: 100);
        var records = new List<TrainingStepRecord>();
        var log = new List<string>();
        using var model = TrainingScenario.Model(config);
        using (no_grad()) model.named_parameters().Single(p => p.name == "model.norm.weight").parameter.fill_(float.NaN);
        var before = TrainingScenario.Snapshot(model);

        var error = Assert.Throws<NonFiniteGradientException>(() => TrainingScenario.Run(model,
            scenario.Request(config, "ckpt", records) with { MaxConsecutiveNonFiniteSteps = 3, Log = log.Add }));

        Assert.Contains("3 consecutive steps up to step 3", error.Message);
        Assert.Equal(3, records.Count);
        Assert.All(records, r => Assert.True(r.Skipped));
        Assert.Equal(3, log.Count(l => l.Contains("update skipped", StringComparison.Ordinal)));
        var after = TrainingScenario.Snapshot(model);
        foreach (var (name, values) in before.Where(p => p.Key != "model.norm.weight")) Assert.Equal(values, after[name]);
    }
}
