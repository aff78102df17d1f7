using ForgetCloud.Contracts.Configuration;
using ForgetCloud.Learning.Training;

namespace ForgetCloud.Learning.Tests.Training;

[Collection(nameof(TrainingCollection))]
public sealed class LossFallsTests
{
    [Theory]
    [InlineData(OptimizerKind.AdamW)]
    [InlineData(OptimizerKind.Muon)]
    public void Smoke_loss_falls_over_a_few_dozen_steps(OptimizerKind optimizer)
    {
        using var scenario = new TrainingScenario();
        var config = TrainingScenario.Config(optimizer, examples: 32, epochs: 4, saveInterval: 100);
        var records = new List<TrainingStepRecord>();
        using var model = TrainingScenario.Model(config);

        var result = TrainingScenario.Run(model, scenario.Request(config, "ckpt", records));

        Assert.True(result.Completed);
        Assert.Equal(32, records.Count);
        Assert.Equal(Enumerable.Range(1, 32).Select(s => (long)s), records.Select(r => r.Step));
        var first = records.Take(5).Average(r => r.Loss);
        var last = records.TakeLast(5).Average(r => r.Loss);
        Assert.True(last < first - 0.5, $"{optimizer}: mean loss of the first 5 steps {first:F3}, of the last 5 {last:F3}");
        Assert.All(records, r => Assert.False(r.Skipped));
    }
}
