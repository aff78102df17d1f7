using ForgetCloud.Learning.Optimization;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace ForgetCloud.Learning.Tests.Optimization;

public class TrainingOptimizerStateTests
{
    public static TheoryData<string> Kinds => ["adamw", "muon"];

    [Theory]
    [MemberData(nameof(Kinds))]
    public void ExportImportRoundTripGivesBitIdenticalLaterSteps(string kind)
    {
        using var scope = NewDisposeScope();
        var original = NewParameters();
        using var first = Create(kind, original);
        for (var step = 0; step < 3; step++)
        {
            SetGradients(original, step);
            first.Step(0.01 * (step + 1));
            first.ZeroGrad();
        }

        using var saved = first.ExportState();
        var copies = original.Select(p => (p.Name, new Parameter(p.Parameter.detach().clone()))).ToArray();
        using var resumed = Create(kind, copies);
        resumed.ImportState(saved);
        Assert.Equal(3, resumed.StepCount);

        for (var step = 3; step < 6; step++)
        {
            SetGradients(original, step);
            SetGradients(copies, step);
            first.Step(0.01);
            resumed.Step(0.01);
        }

        foreach (var ((name, a), (_, b)) in original.Zip(copies))
        {
            Assert.True(a.eq(b).all().item<bool>(), $"parameter {name} differs after resume");
        }

        using var stateA = first.ExportState();
        using var stateB = resumed.ExportState();
        Assert.Equal(stateA.Counters, stateB.Counters);
        foreach (var (name, tensor) in stateA.Tensors)
        {
            Assert.True(tensor.eq(stateB.Tensors[name]).all().item<bool>(), $"state {name} differs after resume");
        }
    }

    [Fact]
    public void ExportedTensorsAreCopiesNotLiveBuffers()
    {
        using var scope = NewDisposeScope();
        var parameters = NewParameters();
        using var optimizer = Create("muon", parameters);
        SetGradients(parameters, 0);
        optimizer.Step(0.01);
        using var before = optimizer.ExportState();
        var snapshot = before.Tensors["muon.momentum.model.layers.0.mlp.up_proj.weight"].clone();
        SetGradients(parameters, 1);
        optimizer.Step(0.01);
        Assert.True(snapshot.eq(before.Tensors["muon.momentum.model.layers.0.mlp.up_proj.weight"]).all().item<bool>());
    }

    [Fact]
    public void ImportListsEveryProblemAndChangesNothing()
    {
        using var scope = NewDisposeScope();
        var parameters = NewParameters();
        using var optimizer = Create("muon", parameters);
        using var good = optimizer.ExportState();

        var tensors = new Dictionary<string, Tensor>(good.Tensors);
        tensors.Remove("muon.momentum.model.layers.0.mlp.up_proj.weight");
        tensors["adamw.exp_avg.model.norm.weight"] = ones(5);
        tensors["adamw.exp_avg_sq.model.norm.weight"] = zeros(new long[] { 4 }, ScalarType.Float64);
        tensors["muon.momentum.nonexistent.weight"] = zeros(2, 2);
        var counters = new Dictionary<string, long>(good.Counters) { ["muon.step_count"] = -1 };
        counters.Remove("adamw.step.model.norm.weight");
        var bad = new TrainingOptimizerState("muon", tensors, counters);

        var error = Assert.Throws<InvalidDataException>(() => optimizer.ImportState(bad));
        Assert.Contains("missing tensor 'muon.momentum.model.layers.0.mlp.up_proj.weight'", error.Message);
        Assert.Contains("tensor 'adamw.exp_avg.model.norm.weight' has shape [5], expected [4]", error.Message);
        Assert.Contains("tensor 'adamw.exp_avg_sq.model.norm.weight' has dtype Float64, expected Float32", error.Message);
        Assert.Contains("unexpected tensor 'muon.momentum.nonexistent.weight'", error.Message);
        Assert.Contains("missing counter 'adamw.step.model.norm.weight'", error.Message);
        Assert.Contains("counter 'muon.step_count' = -1 is negative", error.Message);
        Assert.Equal(0, optimizer.StepCount);
        using var after = optimizer.ExportState();
        Assert.Equal(0f, after.Tensors["adamw.exp_avg.model.norm.weight"].abs().sum().item<float>());
    }

    [Fact]
    public void StateOfTheOtherOptimizerIsRejected()
    {
        using var scope = NewDisposeScope();
        var parameters = NewParameters();
        using var adamw = Create("adamw", parameters);
        using var muon = Create("muon", parameters);
        using var adamwState = adamw.ExportState();
        var error = Assert.Throws<InvalidDataException>(() => muon.ImportState(adamwState));
        Assert.Contains("saved by optimizer 'adamw', not 'muon'", error.Message);
    }

    private static (string Name, Parameter Parameter)[] NewParameters() =>
    [
        ("model.embed_tokens.weight", TestTensors.ToParameter(TestTensors.RandomMatrix(6, 4, seed: 1))),
        ("model.layers.0.mlp.up_proj.weight", TestTensors.ToParameter(TestTensors.RandomMatrix(5, 4, seed: 2))),
        ("model.layers.0.mlp.down_proj.weight", TestTensors.ToParameter(TestTensors.RandomMatrix(4, 5, seed: 3))),
        ("model.norm.weight", TestTensors.ToParameter(TestTensors.RandomVector(4, seed: 4))),
    ];

    private static void SetGradients(IEnumerable<(string Name, Parameter Parameter)> parameters, int step)
    {
        var index = 0;
        foreach (var (_, parameter) in parameters)
        {
            var shape = parameter.shape;
            parameter.grad = shape.Length == 2
                ? TestTensors.ToTensor(TestTensors.RandomMatrix((int)shape[0], (int)shape[1], seed: 1000 * step + index))
                : TestTensors.ToTensor(TestTensors.RandomVector((int)shape[0], seed: 1000 * step + index));
            index++;
        }
    }

    private static ITrainingOptimizer Create(string kind, IReadOnlyList<(string Name, Parameter Parameter)> parameters) => kind switch
    {
        "adamw" => new AdamWOptimizer(parameters, new AdamWOptions()),
        "muon" => new MuonOptimizer(parameters, new MuonOptions()),
        _ => throw new ArgumentException(kind),
    };
}
