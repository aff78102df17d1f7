using ForgetCloud.Learning.Optimization;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace ForgetCloud.Learning.Tests.Optimization;

public class AdamWOptimizerTests
{
    // The formula tests use vectors, which the default policy does not decay: decay everything to check the formula.
    private static readonly AdamWOptions Options = new() { Beta1 = 0.8, Beta2 = 0.95, Epsilon = 1e-6, WeightDecay = 0.1, DecayAllParameters = true };

    [Fact]
    public void ThreeStepsMatchTheAdamWFormulaInDoubles()
    {
        var initial = TestTensors.RoundToFloat(TestTensors.RandomVector(7, seed: 1));
        using var parameter = TestTensors.ToParameter(initial);
        using var optimizer = new AdamWOptimizer([("layer.weight", parameter)], Options);
        var reference = new AdamWReference(initial, Options.Beta1, Options.Beta2, Options.Epsilon, Options.WeightDecay);

        double[] learningRates = [0.01, 0.02, 0.005];
        for (var step = 0; step < learningRates.Length; step++)
        {
            var gradient = TestTensors.RoundToFloat(TestTensors.RandomVector(7, seed: 10 + step));
            parameter.grad = TestTensors.ToTensor(gradient);
            optimizer.Step(learningRates[step]);
            reference.Step(gradient, learningRates[step]);
            optimizer.ZeroGrad();
        }

        TestTensors.AssertClose(reference.Parameters, TestTensors.ToVector(parameter), 1e-6);
        Assert.Equal(3, optimizer.StepCount);
    }

    [Fact]
    public void FirstStepMovesEachWeightByAboutLrTimesSignOfGradientPlusDecay()
    {
        // At t=1, m̂ = g and v̂ = g², so the Adam part is lr*g/(|g|+eps): a hand-checkable value.
        using var parameter = new Parameter(tensor(new float[] { 2f, -1f }));
        using var optimizer = new AdamWOptimizer([("w", parameter)], Options);
        parameter.grad = tensor(new float[] { 0.5f, -3f });
        optimizer.Step(0.1);

        var values = TestTensors.ToVector(parameter);
        Assert.Equal(2 * (1 - 0.1 * 0.1) - 0.1 * 0.5 / (0.5 + 1e-6), values[0], 6);
        Assert.Equal(-1 * (1 - 0.1 * 0.1) + 0.1 * 3 / (3 + 1e-6), values[1], 6);
    }

    [Fact]
    public void ByDefaultOnlyTwoDimensionalNonEmbeddingWeightsDecay()
    {
        // Zero gradients make the Adam part exactly 0 (m = v = 0, 0 / (0 + eps) = 0), so each value is the decay alone:
        // lr = 0.5, wd = 0.1 -> decayed weights are multiplied by 1 - 0.05 = 0.95, the rest stay 1.
        var options = new AdamWOptions { WeightDecay = 0.1 };
        using var projection = new Parameter(ones(2, 2));
        using var head = new Parameter(ones(3, 2));
        using var embedding = new Parameter(ones(3, 2));
        using var norm = new Parameter(ones(2));
        using var bias = new Parameter(ones(2));
        using var loraA = new Parameter(ones(1, 2));
        using var optimizer = new AdamWOptimizer(
            [
                ("model.layers.0.self_attn.q_proj.weight", projection), ("lm_head.weight", head), ("model.embed_tokens.weight", embedding),
                ("model.layers.0.input_layernorm.weight", norm), ("model.layers.0.self_attn.q_proj.bias", bias),
                ("model.layers.0.self_attn.q_proj.lora_A.weight", loraA),
            ],
            options);
        foreach (var p in new[] { projection, head, embedding, norm, bias, loraA }) p.grad = zeros_like(p);
        optimizer.Step(0.5);

        Assert.All(TestTensors.ToVector(projection), v => Assert.Equal(0.95, v, 6));
        Assert.All(TestTensors.ToVector(head), v => Assert.Equal(0.95, v, 6));
        Assert.All(TestTensors.ToVector(loraA), v => Assert.Equal(0.95, v, 6));
        Assert.All(TestTensors.ToVector(embedding), v => Assert.Equal(1.0, v));
        Assert.All(TestTensors.ToVector(norm), v => Assert.Equal(1.0, v));
        Assert.All(TestTensors.ToVector(bias), v => Assert.Equal(1.0, v));
    }

    [Fact]
    public void DecayAllParametersDecaysNormsBiasesAndEmbeddingsToo()
    {
        var options = new AdamWOptions { WeightDecay = 0.1, DecayAllParameters = true };
        using var embedding = new Parameter(ones(3, 2));
        using var norm = new Parameter(ones(2));
        using var optimizer = new AdamWOptimizer([("model.embed_tokens.weight", embedding), ("model.norm.weight", norm)], options);
        embedding.grad = zeros_like(embedding);
        norm.grad = zeros_like(norm);
        optimizer.Step(0.5);
        Assert.All(TestTensors.ToVector(embedding), v => Assert.Equal(0.95, v, 6));
        Assert.All(TestTensors.ToVector(norm), v => Assert.Equal(0.95, v, 6));
    }

    [Fact]
    public void ParameterWithoutGradientIsNotTouched()
    {
        using var trained = new Parameter(tensor(new float[] { 1f, 1f }));
        using var idle = new Parameter(tensor(new float[] { 3f, 4f }));
        using var optimizer = new AdamWOptimizer([("trained", trained), ("idle", idle)], Options);
        trained.grad = tensor(new float[] { 1f, 1f });
        optimizer.Step(0.1);

        Assert.Equal([3.0, 4.0], TestTensors.ToVector(idle));
        using var state = optimizer.ExportState();
        Assert.Equal(0, state.Counters["adamw.step.idle"]);
        Assert.Equal(1, state.Counters["adamw.step.trained"]);
    }

    [Fact]
    public void Bf16ParameterIsUpdatedThroughFp32StateAndKeepsItsDtype()
    {
        var initial = new[] { 1.0, -2.0, 0.5 };
        using var parameter = new Parameter(tensor(new float[] { 1f, -2f, 0.5f }).to(ScalarType.BFloat16));
        using var optimizer = new AdamWOptimizer([("w", parameter)], Options);
        parameter.grad = tensor(new float[] { 0.25f, -1f, 2f }).to(ScalarType.BFloat16);
        optimizer.Step(0.05);

        var reference = new AdamWReference(initial, Options.Beta1, Options.Beta2, Options.Epsilon, Options.WeightDecay);
        reference.Step([0.25, -1, 2], 0.05);
        Assert.Equal(ScalarType.BFloat16, parameter.dtype);
        TestTensors.AssertClose(reference.Parameters, TestTensors.ToVector(parameter), 1e-2);
        using var state = optimizer.ExportState();
        Assert.Equal(ScalarType.Float32, state.Tensors["adamw.exp_avg.w"].dtype);
    }

    [Fact]
    public void ZeroGradDropsGradients()
    {
        using var parameter = new Parameter(tensor(new float[] { 1f }));
        using var optimizer = new AdamWOptimizer([("w", parameter)], Options);
        parameter.grad = tensor(new float[] { 1f });
        optimizer.ZeroGrad();
        Assert.Null(parameter.grad);
    }

    [Fact]
    public void ReportsEveryParameterAsAdamW()
    {
        using var matrix = new Parameter(zeros(3, 4));
        using var bias = new Parameter(zeros(3));
        using var optimizer = new AdamWOptimizer([("proj.weight", matrix), ("proj.bias", bias)], Options);
        Assert.Equal(["proj.weight [3x4] -> AdamW", "proj.bias [3] -> AdamW"], optimizer.Assignments.Select(a => a.ToString()));
        Assert.Equal(15, optimizer.Assignments.Sum(a => a.ElementCount));
    }

    [Theory]
    [InlineData(1.0, 0.999, 1e-8, 0.0, "adamw.beta1")]
    [InlineData(0.9, -0.1, 1e-8, 0.0, "adamw.beta2")]
    [InlineData(0.9, 0.999, 0.0, 0.0, "adamw.eps")]
    [InlineData(0.9, 0.999, 1e-8, -1.0, "adamw.weight_decay")]
    public void BadHyperparametersAreRejectedByKey(double beta1, double beta2, double eps, double weightDecay, string key)
    {
        using var parameter = new Parameter(zeros(2));
        var options = new AdamWOptions { Beta1 = beta1, Beta2 = beta2, Epsilon = eps, WeightDecay = weightDecay };
        var error = Assert.Throws<ArgumentException>(() => new AdamWOptimizer([("w", parameter)], options));
        Assert.Contains(key, error.Message);
    }

    [Fact]
    public void DuplicateNamesFrozenParametersAndNegativeLearningRatesAreRejected()
    {
        using var a = new Parameter(zeros(2));
        using var frozen = new Parameter(zeros(2), requires_grad: false);
        Assert.Contains("appears twice", Assert.Throws<ArgumentException>(() => new AdamWOptimizer([("w", a), ("w", a)], Options)).Message);
        Assert.Contains("'f' does not require gradients", Assert.Throws<ArgumentException>(() => new AdamWOptimizer([("f", frozen)], Options)).Message);
        using var optimizer = new AdamWOptimizer([("w", a)], Options);
        Assert.Throws<ArgumentOutOfRangeException>(() => optimizer.Step(-1e-3));
        Assert.Throws<ArgumentOutOfRangeException>(() => optimizer.Step(double.NaN));
    }
}
