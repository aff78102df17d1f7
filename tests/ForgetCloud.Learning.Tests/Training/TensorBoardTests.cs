using ForgetCloud.Learning.Training;

namespace ForgetCloud.Learning.Tests.Training;

[Collection(nameof(TrainingCollection))]
public sealed class TensorBoardTests
{
    [Fact]
    public void Every_step_writes_loss_lr_grad_norm_and_tokens_per_second()
    {
        using var scenario = new TrainingScenario();
        var config = TrainingScenario.Config(epochs: 1, saveInterval: 100);
        var records = new List<TrainingStepRecord>();
        var directory = Path.Combine(scenario.Root, "tb", "adamw", "stage1");
        using (var model = TrainingScenario.Model(config))
            TrainingScenario.Run(model, scenario.Request(config, "ckpt", records) with { TensorBoardDirectory = directory });

        var file = Directory.EnumerateFiles(directory, "*tfevents*", SearchOption.AllDirectories).Single();
        var scalars = TensorBoardEventReader.ReadScalars(file);

        Assert.Equal(4, records.Count);
        foreach (var r in records)
        {
            float Value(string tag) => scalars.Single(s => s.Tag == tag && s.Step == r.Step).Value;
            Assert.Equal((float)r.Loss, Value(TensorBoardLog.Loss));
            Assert.Equal((float)r.LearningRate, Value(TensorBoardLog.LearningRate));
            Assert.Equal((float)r.GradNorm, Value(TensorBoardLog.GradNorm));
            Assert.Equal((float)r.TokensPerSecond, Value(TensorBoardLog.TokensPerSecond));
        }

        Assert.Equal(16, scalars.Count);
    }
}
