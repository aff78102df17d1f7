using ForgetCloud.Contracts.Configuration;
using ForgetCloud.Learning.Checkpoints;
using ForgetCloud.Learning.Diagnostics;
using ForgetCloud.Learning.Tests.Training;
using static TorchSharp.torch;

namespace ForgetCloud.Learning.Tests.Diagnostics;

[Collection(nameof(TrainingCollection))]
public sealed class WeightDriftTests
{
    [Fact]
    public void The_top_singular_value_of_a_low_rank_matrix_is_exact()
    {
        using var scope = NewDisposeScope();
        // U diag(s) Vᵀ with orthonormal U, V and s = 7, 3, 2, 0.5, 0.25: rank 5, spectral norm 7.
        var generator = new Generator(11);
        var u = linalg.qr(randn([60, 5], ScalarType.Float64, generator: generator)).Q;
        var v = linalg.qr(randn([45, 5], ScalarType.Float64, generator: generator)).Q;
        var matrix = u.matmul(diag(tensor(new[] { 7.0, 3, 2, 0.5, 0.25 }))).matmul(v.t()).to_type(ScalarType.Float32);

        Assert.Equal(7.0, WeightDrift.TopSingularValue(matrix), 5);
    }

    [Fact]
    public void The_top_singular_value_of_a_full_rank_matrix_is_a_lower_bound_within_a_percent()
    {
        using var scope = NewDisposeScope();
        // Gaussian matrices have no gap at the top of the spectrum: the hardest case for subspace iteration.
        foreach (var (rows, columns) in new[] { (64, 48), (48, 64), (128, 128) })
        {
            var matrix = randn([rows, columns], generator: new Generator((ulong)(rows + columns)));
            var exact = linalg.svdvals(matrix.to_type(ScalarType.Float64))[0].item<double>();
            var estimate = WeightDrift.TopSingularValue(matrix);
            Assert.True(estimate <= exact * (1 + 1e-9), $"{rows}x{columns}: {estimate} above the exact {exact}");
            Assert.True((exact - estimate) / exact < 1e-2, $"{rows}x{columns}: {estimate} against the exact {exact}");
        }
    }

    [Fact]
    public void A_lora_stage_reports_the_change_of_the_merged_delta_in_its_final_checkpoint()
    {
        using var scenario = new TrainingScenario();
        var config = TrainingScenario.Config(lora: true, saveInterval: 100);
        using var model = TrainingScenario.Model(config);
        var result = TrainingScenario.Run(model, scenario.Request(config, "lora"));

        var drift = StageCheckpoint.ReadState(result.Checkpoint!).WeightDrift!;
        var trained = model.Projections().Where(p => p.Linear.Lora is not null).ToList();
        Assert.NotEmpty(trained);
        Assert.Equal(trained.Count, drift.Count);
        using var noGrad = no_grad();
        foreach (var (path, kind, linear) in trained)
        {
            using var scope = NewDisposeScope();
            var layer = int.Parse(path.Split('.')[2], System.Globalization.CultureInfo.InvariantCulture);
            var measured = drift.Single(d => d.Layer == layer && d.Projection == kind);
            // B starts at zero (PEFT's initialisation), so the stage's change is scale · B A and W_start is the base.
            var lora = linear.Lora!;
            var delta = (lora.B.Weight.to_type(ScalarType.Float64).matmul(lora.A.Weight.to_type(ScalarType.Float64)) * lora.Scale);
            var start = linear.Weight.to_type(ScalarType.Float64);
            var deltaNorm = delta.norm().item<double>();
            Assert.True(deltaNorm > 0, $"{path}: no change");
            Assert.Equal(deltaNorm, measured.DeltaNorm, deltaNorm * 1e-5);
            Assert.Equal(start.norm().item<double>(), measured.StartNorm, measured.StartNorm * 1e-5);
            Assert.Equal(deltaNorm / start.norm().item<double>(), measured.RelativeChange, measured.RelativeChange * 1e-5);
            Assert.Equal(deltaNorm / Math.Sqrt(delta.shape[0] * delta.shape[1]), measured.DeltaRms, measured.DeltaRms * 1e-5);
            Assert.Equal(linalg.svdvals(delta)[0].item<double>(), measured.TopSingularValue, measured.TopSingularValue * 1e-4);
        }
    }

    [Fact]
    public void A_full_fine_tuning_stage_reports_the_change_of_each_weight()
    {
        using var scenario = new TrainingScenario();
        var config = TrainingScenario.Config(OptimizerKind.Muon, saveInterval: 100);
        using var model = TrainingScenario.Model(config);
        var before = model.Projections().ToDictionary(p => p.Path, p => p.Linear.Weight.detach().clone());
        var result = TrainingScenario.Run(model, scenario.Request(config, "full"));

        var drift = StageCheckpoint.ReadState(result.Checkpoint!).WeightDrift!;
        Assert.Equal(before.Count, drift.Count);
        foreach (var (path, kind, linear) in model.Projections())
        {
            using var scope = NewDisposeScope();
            var layer = int.Parse(path.Split('.')[2], System.Globalization.CultureInfo.InvariantCulture);
            var measured = drift.Single(d => d.Layer == layer && d.Projection == kind);
            var delta = linear.Weight.detach().to_type(ScalarType.Float64) - before[path].to_type(ScalarType.Float64);
            Assert.Equal(delta.norm().item<double>(), measured.DeltaNorm, measured.DeltaNorm * 1e-4);
            Assert.Equal(linalg.svdvals(delta)[0].item<double>(), measured.TopSingularValue, measured.TopSingularValue * 2e-2);
        }

        foreach (var w in before.Values) w.Dispose();
    }

    [Fact]
    public void A_resumed_stage_measures_from_the_stage_start_not_from_the_checkpoint()
    {
        using var scenario = new TrainingScenario();
        var config = TrainingScenario.Config(lora: true, saveInterval: 3);
        using var uninterrupted = TrainingScenario.Model(config);
        var full = TrainingScenario.Run(uninterrupted, scenario.Request(config, "a"));
        Assert.Null(StageCheckpoint.ReadState(Directory.GetDirectories(scenario.Checkpoints("a"), "stage1_checkpoint_epoch_0_step_3").Single()).WeightDrift);

        using var fresh = TrainingScenario.Model(config);
        var resumed = TrainingScenario.Run(fresh, scenario.Request(config, "b") with
        {
            ResumeFrom = Directory.GetDirectories(scenario.Checkpoints("a"), "stage1_checkpoint_epoch_0_step_3").Single(),
        });

        var expected = StageCheckpoint.ReadState(full.Checkpoint!).WeightDrift!;
        var actual = StageCheckpoint.ReadState(resumed.Checkpoint!).WeightDrift!;
        Assert.Equal(expected.Count, actual.Count);
        foreach (var (e, a) in expected.Zip(actual))
        {
            Assert.Equal((e.Layer, e.Projection), (a.Layer, a.Projection));
            Assert.Equal(e.DeltaNorm, a.DeltaNorm, e.DeltaNorm * 1e-4);
        }
    }

    [Fact]
    public void Weight_drift_off_leaves_the_checkpoint_without_it()
    {
        using var scenario = new TrainingScenario();
        var config = TrainingScenario.Config(lora: true, saveInterval: 100);
        config = config with { Evaluation = config.Evaluation with { WeightDrift = false } };
        using var model = TrainingScenario.Model(config);
        var result = TrainingScenario.Run(model, scenario.Request(config, "off"));

        Assert.Null(StageCheckpoint.ReadState(result.Checkpoint!).WeightDrift);
    }
}
