using ForgetCloud.Contracts.Configuration;
using ForgetCloud.Learning.Optimization;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace ForgetCloud.Learning.Tests.Optimization;

public class MuonOptimizerTests
{
    [Theory]
    [InlineData(3, 5, true, true)]   // wide, Moonlight scale
    [InlineData(6, 4, true, true)]   // tall: the transpose path
    [InlineData(6, 4, false, true)]  // tall, reference scale sqrt(rows/cols)
    [InlineData(4, 4, true, false)]  // square, plain momentum
    public void ThreeStepsMatchAPlainDoubleImplementation(int rows, int cols, bool adjustLr, bool nesterov)
    {
        var options = new MuonOptions { WeightDecay = 0.1, AdjustLrToMatchAdamW = adjustLr, Nesterov = nesterov };
        var initial = TestTensors.RoundToFloat(TestTensors.RandomMatrix(rows, cols, seed: rows * 100 + cols));
        using var weight = TestTensors.ToParameter(initial);
        using var optimizer = new MuonOptimizer([("model.layers.0.mlp.up_proj.weight", weight)], options);
        var reference = new MuonReference(initial, options.Momentum, nesterov, options.WeightDecay, adjustLr);

        double[] learningRates = [0.05, 0.02, 0.03];
        for (var step = 0; step < learningRates.Length; step++)
        {
            var gradient = TestTensors.RoundToFloat(TestTensors.RandomMatrix(rows, cols, seed: 7 + step, scale: 0.1));
            weight.grad = TestTensors.ToTensor(gradient);
            optimizer.Step(learningRates[step]);
            reference.Step(gradient, learningRates[step]);
        }

        TestTensors.AssertClose(reference.Weights, TestTensors.ToMatrix(weight), 2e-5);
    }

    [Fact]
    public void UpdateScalesAreTheDocumentedFormulas()
    {
        Assert.Equal(0.2 * 16, MuonOptimizer.UpdateScale(256, 64, adjustLrToMatchAdamW: true), 12);
        Assert.Equal(0.2 * Math.Sqrt(688), MuonOptimizer.UpdateScale(256, 688, adjustLrToMatchAdamW: true), 12);
        Assert.Equal(2.0, MuonOptimizer.UpdateScale(256, 64, adjustLrToMatchAdamW: false), 12);
        Assert.Equal(1.0, MuonOptimizer.UpdateScale(64, 256, adjustLrToMatchAdamW: false), 12);
    }

    [Fact]
    public void WeightDecayAloneShrinksByOneMinusLrTimesDecay()
    {
        // A zero gradient orthogonalizes to zero (the +1e-7 in the normalization), so only the decay acts.
        using var weight = new Parameter(tensor(new float[] { 1f, 2f, 3f, 4f }, [2, 2]));
        using var optimizer = new MuonOptimizer([("q_proj.weight", weight)], new MuonOptions { WeightDecay = 0.5 });
        weight.grad = zeros(2, 2);
        optimizer.Step(0.1);
        TestTensors.AssertClose([0.95, 1.9, 2.85, 3.8], TestTensors.ToVector(weight), 1e-6);
    }

    [Fact]
    public void AuxiliaryAdamWUpdatesEmbeddingsHeadNormsAndBiasesWithItsOwnBetas()
    {
        var aux = new AdamWOptions { Beta1 = 0.7, Beta2 = 0.9, Epsilon = 1e-5, WeightDecay = 0.2 };
        var embedInit = TestTensors.RoundToFloat(TestTensors.RandomMatrix(5, 3, seed: 3));
        var normInit = TestTensors.RoundToFloat(TestTensors.RandomVector(3, seed: 4));
        using var embed = TestTensors.ToParameter(embedInit);
        using var norm = TestTensors.ToParameter(normInit);
        using var hidden = TestTensors.ToParameter(TestTensors.RandomMatrix(3, 3, seed: 5));
        using var optimizer = new MuonOptimizer(
            [("model.embed_tokens.weight", embed), ("model.norm.weight", norm), ("model.layers.0.self_attn.o_proj.weight", hidden)],
            new MuonOptions { AuxiliaryAdamW = aux });

        // The default decay policy skips the embedding and norms: their references take no weight decay.
        var embedReference = new AdamWReference(Flatten(embedInit), aux.Beta1, aux.Beta2, aux.Epsilon, 0);
        var normReference = new AdamWReference(normInit, aux.Beta1, aux.Beta2, aux.Epsilon, 0);
        for (var step = 0; step < 2; step++)
        {
            var embedGrad = TestTensors.RoundToFloat(TestTensors.RandomMatrix(5, 3, seed: 20 + step));
            var normGrad = TestTensors.RoundToFloat(TestTensors.RandomVector(3, seed: 30 + step));
            embed.grad = TestTensors.ToTensor(embedGrad);
            norm.grad = TestTensors.ToTensor(normGrad);
            hidden.grad = ones(3, 3);
            optimizer.Step(0.01);
            embedReference.Step(Flatten(embedGrad), 0.01);
            normReference.Step(normGrad, 0.01);
        }

        TestTensors.AssertClose(embedReference.Parameters, TestTensors.ToVector(embed), 1e-6);
        TestTensors.AssertClose(normReference.Parameters, TestTensors.ToVector(norm), 1e-6);
        using var state = optimizer.ExportState();
        Assert.Equal(
            ["adamw.exp_avg.model.embed_tokens.weight", "adamw.exp_avg.model.norm.weight",
             "adamw.exp_avg_sq.model.embed_tokens.weight", "adamw.exp_avg_sq.model.norm.weight",
             "muon.momentum.model.layers.0.self_attn.o_proj.weight"],
            state.Tensors.Keys.Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("model.layers.0.self_attn.q_proj.weight", new long[] { 64, 64 }, OptimizerUpdateRule.Muon)]
    [InlineData("model.layers.3.mlp.down_proj.weight", new long[] { 64, 172 }, OptimizerUpdateRule.Muon)]
    [InlineData("base_model.model.model.layers.0.self_attn.v_proj.lora_A.default.weight", new long[] { 16, 64 }, OptimizerUpdateRule.Muon)]
    [InlineData("base_model.model.model.layers.0.mlp.gate_proj.lora_B.default.weight", new long[] { 172, 16 }, OptimizerUpdateRule.Muon)]
    [InlineData("model.embed_tokens.weight", new long[] { 8192, 64 }, OptimizerUpdateRule.AdamW)]
    [InlineData("lm_head.weight", new long[] { 8192, 64 }, OptimizerUpdateRule.AdamW)]
    [InlineData("model.layers.0.input_layernorm.weight", new long[] { 64 }, OptimizerUpdateRule.AdamW)]
    [InlineData("model.layers.0.self_attn.q_proj.bias", new long[] { 64 }, OptimizerUpdateRule.AdamW)]
    [InlineData("model.some_conv.weight", new long[] { 4, 4, 3 }, OptimizerUpdateRule.AdamW)]
    [InlineData("model.embed_tokens_norm.weight", new long[] { 4, 4 }, OptimizerUpdateRule.Muon)] // segment match, not substring
    public void SplitIsDecidedByNameSegmentAndShape(string name, long[] shape, OptimizerUpdateRule expected) =>
        Assert.Equal(expected, MuonParameterSplit.RuleFor(name, shape));

    [Theory]
    [InlineData("base_model.model.model.layers.0.self_attn.v_proj.lora_A.default.weight", MuonLoraFactors.Both, OptimizerUpdateRule.Muon)]
    [InlineData("base_model.model.model.layers.0.self_attn.v_proj.lora_A.default.weight", MuonLoraFactors.BOnly, OptimizerUpdateRule.AdamW)]
    [InlineData("base_model.model.model.layers.0.self_attn.v_proj.lora_B.default.weight", MuonLoraFactors.BOnly, OptimizerUpdateRule.Muon)]
    [InlineData("model.layers.0.self_attn.v_proj.weight", MuonLoraFactors.BOnly, OptimizerUpdateRule.Muon)]
    public void BOnlyHandsLoraAToTheAuxiliaryAdamW(string name, MuonLoraFactors factors, OptimizerUpdateRule expected) =>
        Assert.Equal(expected, MuonParameterSplit.RuleFor(name, [4, 4], factors));

    [Fact]
    public void BOnlyOptimizerKeepsAdamWStateForLoraA()
    {
        using var a = new Parameter(zeros(2, 4));
        using var b = new Parameter(zeros(4, 2));
        using var optimizer = new MuonOptimizer(
            [("model.layers.0.self_attn.q_proj.lora_A.weight", a), ("model.layers.0.self_attn.q_proj.lora_B.weight", b)],
            new MuonOptions { LoraFactors = MuonLoraFactors.BOnly });
        Assert.Equal([OptimizerUpdateRule.AdamW, OptimizerUpdateRule.Muon], optimizer.Assignments.Select(x => x.Rule));
    }

    [Fact]
    public void AssignmentsReportTheSplit()
    {
        using var embed = new Parameter(zeros(10, 4));
        using var proj = new Parameter(zeros(4, 4));
        using var optimizer = new MuonOptimizer([("model.embed_tokens.weight", embed), ("model.layers.0.mlp.up_proj.weight", proj)], new MuonOptions());
        Assert.Equal(
            [OptimizerUpdateRule.AdamW, OptimizerUpdateRule.Muon],
            optimizer.Assignments.Select(a => a.Rule));
    }

    [Fact]
    public void NoMuonEligibleParameterIsAnErrorNotASilentAdamW()
    {
        using var embed = new Parameter(zeros(10, 4));
        using var norm = new Parameter(ones(4));
        var error = Assert.Throws<ArgumentException>(
            () => new MuonOptimizer([("model.embed_tokens.weight", embed), ("model.norm.weight", norm)], new MuonOptions()));
        Assert.Contains("none of the trainable parameters is a 2-D hidden matrix", error.Message);
    }

    [Fact]
    public void OriginalFrameworkMuIsReportedOnceAsANotice()
    {
        using var proj = new Parameter(zeros(4, 4));
        using var withMu = new MuonOptimizer([("p.weight", proj)], new MuonOptions { OriginalFrameworkMu = 0.9 });
        using var withoutMu = new MuonOptimizer([("p.weight", proj)], new MuonOptions());
        var notice = Assert.Single(withMu.ConfigurationNotices);
        Assert.Contains("muon.mu = 0.9", notice);
        Assert.Empty(withoutMu.ConfigurationNotices);
    }

    [Fact]
    public void BadMuonOptionsAreRejectedByKey()
    {
        using var proj = new Parameter(zeros(4, 4));
        Assert.Contains("muon.momentum", Assert.Throws<ArgumentException>(() => new MuonOptimizer([("p", proj)], new MuonOptions { Momentum = 1.0 })).Message);
        Assert.Contains("muon.ns_steps", Assert.Throws<ArgumentException>(() => new MuonOptimizer([("p", proj)], new MuonOptions { NewtonSchulzSteps = 0 })).Message);
        Assert.Contains("muon.beta2", Assert.Throws<ArgumentException>(
            () => new MuonOptimizer([("p", proj)], new MuonOptions { AuxiliaryAdamW = new AdamWOptions { Beta2 = 1.5 } })).Message);
    }

    private static double[] Flatten(double[,] matrix) => matrix.Cast<double>().ToArray();
}
