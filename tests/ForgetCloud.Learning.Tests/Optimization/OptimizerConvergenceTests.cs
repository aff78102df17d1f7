using ForgetCloud.Learning.Optimization;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace ForgetCloud.Learning.Tests.Optimization;

public class OptimizerConvergenceTests
{
    [Theory]
    [InlineData("adamw")]
    [InlineData("muon")]
    public void FiftyStepsReduceALeastSquaresLoss(string kind)
    {
        using var scope = NewDisposeScope();
        // y = x Wᵀ + c with a known W, c; fit a weight (Muon's) and a bias (the auxiliary AdamW's) from zero.
        var inputs = TestTensors.ToTensor(TestTensors.RandomMatrix(64, 16, seed: 1));
        var targets = inputs.matmul(TestTensors.ToTensor(TestTensors.RandomMatrix(8, 16, seed: 2)).t())
            + TestTensors.ToTensor(TestTensors.RandomVector(8, seed: 3));
        var weight = new Parameter(zeros(8, 16));
        var bias = new Parameter(zeros(8));
        (string, Parameter)[] parameters = [("model.layers.0.mlp.up_proj.weight", weight), ("model.layers.0.mlp.up_proj.bias", bias)];
        using ITrainingOptimizer optimizer = kind == "adamw"
            ? new AdamWOptimizer(parameters, new AdamWOptions { WeightDecay = 0 })
            : new MuonOptimizer(parameters, new MuonOptions { WeightDecay = 0 });

        double Loss()
        {
            using var noGrad = no_grad();
            return nn.functional.mse_loss(inputs.matmul(weight.t()) + bias, targets).item<float>();
        }

        var initial = Loss();
        var schedule = new LearningRateSchedule(LearningRateScheduleKind.Cosine, 0.1, totalSteps: 50, warmupSteps: 5);
        for (var step = 0; step < 50; step++)
        {
            using var stepScope = NewDisposeScope();
            optimizer.ZeroGrad();
            nn.functional.mse_loss(inputs.matmul(weight.t()) + bias, targets).backward();
            optimizer.Step(schedule.LearningRateAt(step));
        }

        var final = Loss();
        Assert.True(final < 0.2 * initial, $"{kind}: loss {initial} -> {final} after 50 steps");
    }
}
