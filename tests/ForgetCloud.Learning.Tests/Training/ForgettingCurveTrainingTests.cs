using ForgetCloud.Learning.Evaluation;
using ForgetCloud.Learning.Tests.Evaluation;
using ForgetCloud.Learning.Training;

namespace ForgetCloud.Learning.Tests.Training;

[Collection(nameof(TrainingCollection))]
public sealed class ForgettingCurveTrainingTests
{
    [Fact]
    public void Curves_are_measured_every_interval_and_at_the_last_step_without_changing_training()
    {
        using var scenario = new TrainingScenario();
        // 16 examples, batch 4, 2 epochs: 8 steps; LoRA dropout, so a probe that drew random numbers would show.
        var config = TrainingScenario.Config(lora: true, saveInterval: 100);
        config = config with { Evaluation = config.Evaluation with { CurveInterval = 3 } };

        var plain = new List<TrainingStepRecord>();
        using (var model = TrainingScenario.Model(config))
            TrainingScenario.Run(model, scenario.Request(config, "plain", plain));

        var measured = new List<TrainingStepRecord>();
        var tensorBoard = Path.Combine(scenario.Root, "tb");
        using var curved = TrainingScenario.Model(config);
        var probe = new ForgettingCurveProbe(new GoldTargetRequests(EvaluationFixtures.Tokenizer, curved.Config.MaxPositionEmbeddings),
            EvaluationFixtures.Gsm8k(6), EvaluationFixtures.AquaRat(6), examples: 4, batchSize: 4, EvaluationFixtures.Tokenizer.PadTokenId);
        TrainingScenario.Run(curved, scenario.Request(config, "curved", measured) with { Curves = probe, TensorBoardDirectory = tensorBoard });

        Assert.Equal([3L, 6, 8], measured.Where(r => r.Curve is not null).Select(r => r.Step));
        Assert.Equal(plain.Select(r => r.Loss), measured.Select(r => r.Loss));
        Assert.Equal(plain.Select(r => r.GradNorm), measured.Select(r => r.GradNorm));

        // The last point is the trained model's NLL, measured again now.
        var last = probe.Measure(curved);
        Assert.Equal(last.Gsm8kNll, measured[^1].Curve!.Gsm8kNll, 6);
        Assert.Equal(last.AquaRatNll, measured[^1].Curve!.AquaRatNll, 6);
        Assert.NotEqual(measured[2].Curve!.AquaRatNll, measured[^1].Curve!.AquaRatNll);

        var scalars = TensorBoardEventReader.ReadScalars(Directory.EnumerateFiles(tensorBoard, "*tfevents*", SearchOption.AllDirectories).Single());
        foreach (var r in measured.Where(r => r.Curve is not null))
        {
            Assert.Equal((float)r.Curve!.Gsm8kNll, scalars.Single(s => s.Tag == TensorBoardLog.Gsm8kCurve && s.Step == r.Step).Value);
            Assert.Equal((float)r.Curve!.AquaRatNll, scalars.Single(s => s.Tag == TensorBoardLog.AquaRatCurve && s.Step == r.Step).Value);
        }

        Assert.Equal(3, scalars.Count(s => s.Tag == TensorBoardLog.Gsm8kCurve));
    }

    [Fact]
    public void A_probe_without_an_interval_is_refused()
    {
        using var scenario = new TrainingScenario();
        var config = TrainingScenario.Config(saveInterval: 100);
        config = config with { Evaluation = config.Evaluation with { CurveInterval = 0 } };
        using var model = TrainingScenario.Model(config);
        var probe = new ForgettingCurveProbe(new GoldTargetRequests(EvaluationFixtures.Tokenizer, model.Config.MaxPositionEmbeddings),
            EvaluationFixtures.Gsm8k(2), EvaluationFixtures.AquaRat(2), 2, 2, EvaluationFixtures.Tokenizer.PadTokenId);

        var e = Assert.Throws<ArgumentException>(() => TrainingScenario.Run(model, scenario.Request(config, "x") with { Curves = probe }));
        Assert.Contains("curve_interval", e.Message, StringComparison.Ordinal);
    }
}
