using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using ForgetCloud.Learning.Lora;
using ForgetCloud.Learning.Modeling;
using ForgetCloud.Learning.Optimization;
using ForgetCloud.Learning.Serialization;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace ForgetCloud.Learning.Checkpoints;

/// <summary>
/// A verified stage checkpoint directory <c>stage{N}_checkpoint_epoch_{E}_step_{S}/</c>:
/// <list type="bullet">
/// <item>trainable weights in fp32: LoRA as PEFT (<c>adapter_model.safetensors</c> + <c>adapter_config.json</c>);
/// full fine-tuning as a Hugging Face model directory (<c>model.safetensors</c> + <c>config.json</c>)</item>
/// <item><c>optimizer.safetensors</c> (every state tensor, Muon's momentum included; counters in trainer_state.json)</item>
/// <item><c>trainer_state.json</c> (dropout needs no saved generator state: <see cref="Training.TrainingRandom"/> seeds
/// every step from (seed, stage, step)),
/// <c>study_config.yaml</c> (the resolved config) and <c>manifest.json</c> (sizes + SHA-256, written last)</item>
/// </list>
/// </summary>
public sealed partial class StageCheckpoint
{
    public const string TrainerStateFile = "trainer_state.json";
    public const string OptimizerFile = "optimizer.safetensors";
    public const string ConfigFile = "study_config.yaml";
    public const string TemporaryPrefix = ".tmp-";

    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true };

    private StageCheckpoint(string directory, TrainerState state)
    {
        Directory = directory;
        State = state;
    }

    public string Directory { get; }

    public TrainerState State { get; }

    /// <summary>The folder name for a checkpoint after <paramref name="step"/> optimizer steps, in 0-based <paramref name="epoch"/>.</summary>
    public static string DirectoryName(int stage, int epoch, long step) =>
        string.Create(CultureInfo.InvariantCulture, $"stage{stage}_checkpoint_epoch_{epoch}_step_{step}");

    /// <summary>Verifies the manifest (sizes, hashes, no missing or extra file) and reads trainer_state.json.</summary>
    public static StageCheckpoint Load(string directory)
    {
        CheckpointManifest.Verify(directory);
        return new StageCheckpoint(directory, ReadState(directory));
    }

    /// <summary>
    /// Reads trainer_state.json without verifying the tensors: for reports that need only the state (weight drift),
    /// where hashing a 1B model's files would cost more than the report.
    /// </summary>
    public static TrainerState ReadState(string directory)
    {
        var path = Path.Combine(directory, TrainerStateFile);
        if (!File.Exists(path)) throw new CheckpointException($"checkpoint '{directory}' has no {TrainerStateFile}");
        try
        {
            return JsonSerializer.Deserialize<TrainerState>(File.ReadAllText(path), Json)
                ?? throw new CheckpointException($"{path}: empty");
        }
        catch (JsonException e)
        {
            throw new CheckpointException($"{path}: not a valid trainer state: {e.Message}", e);
        }
    }

    /// <summary>
    /// The checkpoint of <paramref name="stage"/> in <paramref name="directory"/> with the highest step among those
    /// whose save finished (a manifest is present); null when there is none. Temporary directories are ignored.
    /// It is not verified here: <see cref="Load"/> rejects a corrupt one rather than silently using an older one.
    /// </summary>
    public static string? FindLatest(string directory, int stage)
    {
        if (!System.IO.Directory.Exists(directory)) return null;
        return System.IO.Directory.EnumerateDirectories(directory)
            .Select(d => (Path: d, Match: NamePattern().Match(Path.GetFileName(d))))
            .Where(x => x.Match.Success && int.Parse(x.Match.Groups[1].Value, CultureInfo.InvariantCulture) == stage)
            .Where(x => File.Exists(Path.Combine(x.Path, CheckpointManifest.FileName)))
            .OrderByDescending(x => long.Parse(x.Match.Groups[3].Value, CultureInfo.InvariantCulture))
            .Select(x => x.Path)
            .FirstOrDefault();
    }

    /// <summary>Deletes temporary directories left by saves that crashed; returns how many.</summary>
    public static int CleanTemporary(string directory)
    {
        if (!System.IO.Directory.Exists(directory)) return 0;
        var leftovers = System.IO.Directory.EnumerateDirectories(directory, TemporaryPrefix + "*").ToList();
        foreach (var d in leftovers) System.IO.Directory.Delete(d, recursive: true);
        return leftovers.Count;
    }

    /// <summary>
    /// Writes a checkpoint atomically: everything goes into a temporary sibling, files are fsynced, the manifest is
    /// written last, then the directory is renamed into place. A crash leaves either the complete checkpoint or a
    /// temporary directory that <see cref="FindLatest"/> ignores and <see cref="CleanTemporary"/> removes.
    /// </summary>
    public static string Save(
        string parentDirectory,
        TrainerState state,
        LlamaForCausalLM model,
        IReadOnlyList<(string Name, Parameter Parameter)> masters,
        LoraConfig? lora,
        TrainingOptimizerState optimizerState,
        string configYaml)
    {
        System.IO.Directory.CreateDirectory(parentDirectory);
        var name = DirectoryName(state.Stage, state.Epoch, state.Step);
        var final = Path.Combine(parentDirectory, name);
        var temporary = Path.Combine(parentDirectory, $"{TemporaryPrefix}{name}-{Guid.NewGuid():N}");
        System.IO.Directory.CreateDirectory(temporary);
        try
        {
            if (lora is not null) PeftAdapterFormat.Save(model, lora, temporary);
            else WriteFullModel(model, masters, temporary);
            SafetensorsWriter.Write(Path.Combine(temporary, OptimizerFile), optimizerState.Tensors.OrderBy(t => t.Key, StringComparer.Ordinal),
                new Dictionary<string, string> { ["optimizer"] = optimizerState.OptimizerName });
            File.WriteAllText(Path.Combine(temporary, ConfigFile), configYaml);
            File.WriteAllText(Path.Combine(temporary, TrainerStateFile), JsonSerializer.Serialize(state, Json));
            foreach (var file in System.IO.Directory.EnumerateFiles(temporary)) Fsync(file);
            CheckpointManifest.Create(temporary);
            Fsync(Path.Combine(temporary, CheckpointManifest.FileName));

            if (System.IO.Directory.Exists(final))
            {
                // Same step saved again (e.g. a re-run): swap, so a complete checkpoint exists at every moment but one rename.
                var old = Path.Combine(parentDirectory, $"{TemporaryPrefix}old-{name}-{Guid.NewGuid():N}");
                System.IO.Directory.Move(final, old);
                System.IO.Directory.Move(temporary, final);
                System.IO.Directory.Delete(old, recursive: true);
            }
            else
            {
                System.IO.Directory.Move(temporary, final);
            }

            return final;
        }
        catch
        {
            if (System.IO.Directory.Exists(temporary)) System.IO.Directory.Delete(temporary, recursive: true);
            throw;
        }
    }

    /// <summary>Copies the saved fp32 trainable weights into <paramref name="masters"/>; the file must hold exactly them.</summary>
    public void LoadTrainableWeights(IReadOnlyList<(string Name, Parameter Parameter)> masters)
    {
        var file = Path.Combine(Directory, State.Lora ? PeftAdapterFormat.WeightsFile : LlamaCheckpoint.WeightsFile);
        var prefix = State.Lora ? PeftAdapterFormat.KeyPrefix : "";
        using var reader = OpenSafetensors(file);
        var expected = masters.ToDictionary(m => prefix + m.Name, m => m.Parameter);
        var problems = new List<string>();
        var missing = expected.Keys.Where(k => !reader.Contains(k)).ToList();
        if (missing.Count > 0) problems.Add($"missing: {string.Join(", ", missing)}");
        var unexpected = reader.Tensors.Select(t => t.Name).Where(n => !expected.ContainsKey(n)).ToList();
        if (unexpected.Count > 0) problems.Add($"not trainable in this model: {string.Join(", ", unexpected)}");
        var wrong = expected.Where(e => reader.Contains(e.Key) && !reader.Info(e.Key).Shape.SequenceEqual(e.Value.shape))
            .Select(e => $"{e.Key} [{string.Join(", ", reader.Info(e.Key).Shape)}] vs model [{string.Join(", ", e.Value.shape)}]").ToList();
        if (wrong.Count > 0) problems.Add($"wrong shape: {string.Join("; ", wrong)}");
        if (problems.Count > 0) throw new CheckpointException($"{file} does not fit the model being trained: {string.Join(" | ", problems)}");
        using var noGrad = no_grad();
        foreach (var (key, parameter) in expected)
        {
            using var value = reader.Read(key, ScalarType.Float32);
            parameter.copy_(value);
        }
    }

    /// <summary>The optimizer state: tensors from optimizer.safetensors, counters from trainer_state.json (caller disposes).</summary>
    public TrainingOptimizerState ReadOptimizerState()
    {
        using var reader = OpenSafetensors(Path.Combine(Directory, OptimizerFile));
        var tensors = new Dictionary<string, Tensor>(StringComparer.Ordinal);
        foreach (var info in reader.Tensors) tensors[info.Name] = reader.Read(info.Name).DetachFromDisposeScope();
        return new TrainingOptimizerState(State.Optimizer, tensors, new Dictionary<string, long>(State.OptimizerCounters, StringComparer.Ordinal));
    }

    public string ReadConfigYaml() => File.ReadAllText(Path.Combine(Directory, ConfigFile));

    private static SafetensorsReader OpenSafetensors(string file)
    {
        try
        {
            return SafetensorsReader.Open(file);
        }
        catch (Exception e) when (e is (IOException and not CheckpointException) or InvalidDataException or NotSupportedException)
        {
            throw new CheckpointException($"{file}: cannot be read: {e.Message}", e);
        }
    }

    private static void WriteFullModel(LlamaForCausalLM model, IReadOnlyList<(string Name, Parameter Parameter)> masters, string directory)
    {
        var all = model.named_parameters().Select(p => p.name).ToHashSet(StringComparer.Ordinal);
        var missing = all.Except(masters.Select(m => m.Name)).ToList();
        if (missing.Count > 0)
            throw new InvalidOperationException($"full fine-tuning checkpoint: parameters not trainable: {string.Join(", ", missing)}");
        (model.Config with { TorchDtype = "float32" }).Save(Path.Combine(directory, LlamaCheckpoint.ConfigFile));
        SafetensorsWriter.Write(Path.Combine(directory, LlamaCheckpoint.WeightsFile),
            masters.Select(m => new KeyValuePair<string, Tensor>(m.Name, m.Parameter)),
            new Dictionary<string, string> { ["format"] = "pt" });
    }

    private static void Fsync(string file)
    {
        using var stream = new FileStream(file, FileMode.Open, FileAccess.ReadWrite, FileShare.Read);
        stream.Flush(flushToDisk: true);
    }

    [GeneratedRegex(@"^stage(\d+)_checkpoint_epoch_(\d+)_step_(\d+)$")]
    private static partial Regex NamePattern();
}
