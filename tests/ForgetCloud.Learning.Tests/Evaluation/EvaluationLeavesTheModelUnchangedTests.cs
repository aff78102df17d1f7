using ForgetCloud.Learning.Evaluation;
using ForgetCloud.Learning.Lora;
using ForgetCloud.Learning.Modeling;
using static TorchSharp.torch;

namespace ForgetCloud.Learning.Tests.Evaluation;

public class EvaluationLeavesTheModelUnchangedTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>The smoke model with LoRA adapters (dropout on, B non-zero so they change the outputs).</summary>
    private static LlamaForCausalLM AdaptedModel()
    {
        var model = EvaluationFixtures.SmokeModel();
        LoraAdapters.Apply(model, new LoraConfig { Rank = 2, Alpha = 4, Dropout = 0.5, TargetModules = ["q_proj", "v_proj", "down_proj"] }, seed: 3);
        using var noGrad = no_grad();
        var generator = new Generator(11);
        foreach (var (_, _, linear) in LoraAdapters.Adapted(model))
            linear.Lora!.B.Weight.copy_(randn(linear.Lora.B.Weight.shape, generator: generator) * 0.1);
        return model;
    }

    private static StageEvaluation Evaluate(LlamaForCausalLM model) =>
        new ModelEvaluator(model, EvaluationFixtures.Tokenizer, EvaluationFixtures.Options(batchSize: 2, maxNewTokens: 4))
            .Evaluate("adamw", 2, null, EvaluationFixtures.Gsm8k(3), EvaluationFixtures.AquaRat(2), cancellationToken: Ct);

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void WeightsAndAdaptersAreBitIdenticalAndTheModeIsRestored(bool training)
    {
        using var model = AdaptedModel();
        model.train(training);
        var before = EvaluationFixtures.Snapshot(model);
        Assert.Contains(before.Keys, k => k.EndsWith(".lora_B.weight", StringComparison.Ordinal));

        Evaluate(model);

        var after = model.state_dict();
        Assert.Equal(before.Keys.Order(), after.Keys.Order());
        foreach (var (name, value) in before)
            Assert.True(value.bytes.SequenceEqual(after[name].contiguous().bytes), $"{name} changed during evaluation");
        Assert.Equal(training, model.training);
        Assert.All(model.modules(), m => Assert.Equal(training, m.training));
        Assert.All(model.parameters(), p => Assert.Null(p.grad));
    }

    [Fact]
    public void DropoutIsOffSoTrainAndEvalModeGiveTheSameResults()
    {
        using var model = AdaptedModel();
        model.train();
        var fromTrain = Evaluate(model);
        model.eval();
        var fromEval = Evaluate(model);
        Assert.Equal(fromEval.Gsm8k, fromTrain.Gsm8k);
        Assert.Equal(fromEval.AquaRat.Select(i => i.OptionLogLikelihoods.ToArray()), fromTrain.AquaRat.Select(i => i.OptionLogLikelihoods.ToArray()));
    }

    [Fact]
    public void TheModelStillTrainsAfterwards()
    {
        // Inference mode must not leak inference tensors into anything training later needs.
        using var model = AdaptedModel();
        model.train();
        Evaluate(model);
        using var scope = NewDisposeScope();
        var ids = tensor(new long[] { 1, 5, 9, 200, 7 }).unsqueeze(0);
        var logits = model.Forward(ids);
        var loss = nn.functional.cross_entropy(logits[0].narrow(0, 0, 4), ids[0].narrow(0, 1, 4));
        loss.backward();
        var lora = LoraAdapters.Adapted(model)[0].Linear.Lora!;
        Assert.NotNull(lora.A.Weight.grad);
        Assert.True(lora.A.Weight.grad!.abs().sum().item<float>() > 0);
    }
}
