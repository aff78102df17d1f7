using ForgetCloud.Contracts.Configuration;
using ForgetCloud.Learning.Checkpoints;
using ForgetCloud.Learning.Lora;
using ForgetCloud.Learning.Modeling;
using ForgetCloud.Learning.Optimization;
using ForgetCloud.Learning.Tests.Training;
using ForgetCloud.Learning.Training;

namespace ForgetCloud.Learning.Tests.Checkpoints;

[Collection(nameof(TrainingCollection))]
public sealed class StageCheckpointTests : IDisposable
{
    private readonly TrainingScenario _scenario = new();

    public void Dispose() => _scenario.Dispose();

    private (StudyConfig Config, LlamaForCausalLM Model, StageTrainingResult Result) Train(bool lora = false, OptimizerKind optimizer = OptimizerKind.AdamW)
    {
        var config = TrainingScenario.Config(optimizer, lora, epochs: 1, saveInterval: 3);
        var model = TrainingScenario.Model(config);
        return (config, model, TrainingScenario.Run(model, _scenario.Request(config, "ckpt")));
    }

    [Fact]
    public void Saves_every_interval_and_at_the_end_with_the_seed_names()
    {
        var (_, model, result) = Train();
        model.Dispose();

        Assert.Equal(["stage1_checkpoint_epoch_0_step_3", "stage1_checkpoint_epoch_0_step_4"],
            Directory.GetDirectories(_scenario.Checkpoints("ckpt")).Select(Path.GetFileName).Order());
        Assert.Equal(result.Checkpoint, StageCheckpoint.FindLatest(_scenario.Checkpoints("ckpt"), 1));
        Assert.Null(StageCheckpoint.FindLatest(_scenario.Checkpoints("ckpt"), 2));
        var state = StageCheckpoint.Load(result.Checkpoint).State;
        Assert.Equal((4L, 4L, 1, 0, true), (state.Step, state.TotalSteps, state.DataEpoch, state.DataBatchIndex, state.Completed));
        var mid = StageCheckpoint.Load(Path.Combine(_scenario.Checkpoints("ckpt"), "stage1_checkpoint_epoch_0_step_3")).State;
        Assert.Equal((3L, 0, 3, false), (mid.Step, mid.DataEpoch, mid.DataBatchIndex, mid.Completed));
    }

    [Fact]
    public void Full_fine_tuning_round_trip_weights_optimizer_state_and_config()
    {
        var (config, model, result) = Train(optimizer: OptimizerKind.Muon);
        using var _ = model;
        var checkpoint = StageCheckpoint.Load(result.Checkpoint);

        // The folder is a Hugging Face model directory.
        using var loaded = LlamaCheckpoint.Load(result.Checkpoint);
        Assert.Equal(0, TrainingScenario.MaxDifference(TrainingScenario.Snapshot(model), TrainingScenario.Snapshot(loaded)));

        using var optimizerState = checkpoint.ReadOptimizerState();
        Assert.Equal("muon", optimizerState.OptimizerName);
        Assert.Equal(4, optimizerState.Counters["muon.step_count"]);
        var hidden = model.named_parameters().Where(p => p.name.StartsWith("model.layers.", StringComparison.Ordinal) && p.parameter.dim() == 2).ToList();
        Assert.All(hidden, p => Assert.Contains(MuonOptimizer.MomentumPrefix + p.name, optimizerState.Tensors.Keys));
        Assert.All(hidden, p => Assert.True(optimizerState.Tensors[MuonOptimizer.MomentumPrefix + p.name].abs().sum().item<float>() > 0));

        var reloaded = StudyConfigLoader.LoadText(checkpoint.ReadConfigYaml(), ConfigFormat.Yaml, new StudyConfigLoadOptions { CheckPaths = false }).GetConfigOrThrow();
        Assert.Equal(StudyConfigLoader.ToYaml(config), StudyConfigLoader.ToYaml(reloaded));
    }

    [Fact]
    public void Lora_checkpoints_are_peft_adapters()
    {
        var (config, model, result) = Train(lora: true);
        using var _ = model;
        Assert.True(File.Exists(Path.Combine(result.Checkpoint, PeftAdapterFormat.WeightsFile)));
        Assert.False(File.Exists(Path.Combine(result.Checkpoint, LlamaCheckpoint.WeightsFile)));

        using var fresh = TrainingScenario.Model(config);
        var lora = PeftAdapterFormat.Load(fresh, result.Checkpoint);
        Assert.Equal(config.Model.LoraRank, lora.Rank);
        Assert.Equal(0, TrainingScenario.MaxDifference(TrainingScenario.Snapshot(model), TrainingScenario.Snapshot(fresh)));
    }

    [Fact]
    public void A_flipped_byte_is_rejected_naming_the_file()
    {
        var (_, model, result) = Train();
        model.Dispose();
        var file = Path.Combine(result.Checkpoint, StageCheckpoint.OptimizerFile);
        var bytes = File.ReadAllBytes(file);
        bytes[bytes.Length / 2] ^= 0x01;
        File.WriteAllBytes(file, bytes);

        var error = Assert.Throws<CheckpointException>(() => StageCheckpoint.Load(result.Checkpoint));
        Assert.Contains("corrupt: optimizer.safetensors does not match its SHA-256", error.Message);
    }

    [Theory]
    [InlineData(StageCheckpoint.TrainerStateFile, "incomplete: trainer_state.json is missing")]
    [InlineData(CheckpointManifest.FileName, "incomplete: it has no manifest.json")]
    public void A_missing_file_is_rejected_naming_it(string file, string message)
    {
        var (_, model, result) = Train();
        model.Dispose();
        File.Delete(Path.Combine(result.Checkpoint, file));

        var error = Assert.Throws<CheckpointException>(() => StageCheckpoint.Load(result.Checkpoint));
        Assert.Contains(message, error.Message);
    }

    [Fact]
    public void A_truncated_file_and_an_unlisted_file_are_rejected()
    {
        var (_, model, result) = Train();
        model.Dispose();
        var weights = Path.Combine(result.Checkpoint, LlamaCheckpoint.WeightsFile);
        using (var stream = new FileStream(weights, FileMode.Open)) stream.SetLength(stream.Length - 10);
        Assert.Contains("model.safetensors has", Assert.Throws<CheckpointException>(() => StageCheckpoint.Load(result.Checkpoint)).Message);

        var other = Path.Combine(_scenario.Checkpoints("ckpt"), "stage1_checkpoint_epoch_0_step_3");
        File.WriteAllText(Path.Combine(other, "stray.txt"), "x");
        Assert.Contains("stray.txt", Assert.Throws<CheckpointException>(() => StageCheckpoint.Load(other)).Message);
    }

    [Fact]
    public void A_temporary_folder_from_a_crashed_save_is_ignored_and_cleaned()
    {
        var (config, model, result) = Train();
        model.Dispose();
        var directory = _scenario.Checkpoints("ckpt");
        var crashed = Path.Combine(directory, StageCheckpoint.TemporaryPrefix + StageCheckpoint.DirectoryName(1, 0, 99) + "-abc");
        Directory.CreateDirectory(crashed);
        File.WriteAllText(Path.Combine(crashed, StageCheckpoint.TrainerStateFile), "{");
        // A complete-looking name without a manifest (crash before the manifest) is not a checkpoint either.
        var unfinished = Path.Combine(directory, StageCheckpoint.DirectoryName(1, 0, 50));
        Directory.CreateDirectory(unfinished);

        Assert.Equal(result.Checkpoint, StageCheckpoint.FindLatest(directory, 1));

        var log = new List<string>();
        using var again = TrainingScenario.Model(config);
        TrainingScenario.Run(again, _scenario.Request(config, "ckpt") with { ResumeFrom = Path.Combine(directory, "stage1_checkpoint_epoch_0_step_3"), Log = log.Add });
        Assert.False(Directory.Exists(crashed));
        Assert.Contains(log, l => l.Contains("removed 1 unfinished checkpoint", StringComparison.Ordinal));
    }
}
