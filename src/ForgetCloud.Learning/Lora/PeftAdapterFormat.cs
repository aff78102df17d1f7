using System.Text.Json;
using System.Text.Json.Nodes;
using ForgetCloud.Learning.Modeling;
using ForgetCloud.Learning.Serialization;
using static TorchSharp.torch;

namespace ForgetCloud.Learning.Lora;

/// <summary>
/// PEFT's on-disk adapter format: <c>adapter_config.json</c> plus <c>adapter_model.safetensors</c> with keys
/// <c>base_model.model.{module path}.lora_A.weight</c> [r, in] and <c>...lora_B.weight</c> [out, r]; beside them
/// <see cref="BaseFile"/> records how many earlier adapters were merged into the base this adapter was trained on
/// (stage 2 under <c>lora_stage2_mode: merge_and_new</c> needs stage 1's adapter merged first). PEFT ignores the file;
/// <see cref="Load"/> checks it.
/// </summary>
public static class PeftAdapterFormat
{
    public const string ConfigFile = "adapter_config.json";
    public const string WeightsFile = "adapter_model.safetensors";
    public const string KeyPrefix = "base_model.model.";
    public const string BaseFile = "forgetcloud_base.json";

    public static void Save(LlamaForCausalLM model, LoraConfig config, string directory)
    {
        var adapted = LoraAdapters.Adapted(model);
        Directory.CreateDirectory(directory);
        var tensors = new List<KeyValuePair<string, Tensor>>();
        foreach (var (path, _, linear) in adapted)
        {
            tensors.Add(new($"{KeyPrefix}{path}.lora_A.weight", linear.Lora!.A.Weight));
            tensors.Add(new($"{KeyPrefix}{path}.lora_B.weight", linear.Lora!.B.Weight));
        }
        SafetensorsWriter.Write(Path.Combine(directory, WeightsFile), tensors, new Dictionary<string, string> { ["format"] = "pt" });
        File.WriteAllText(Path.Combine(directory, ConfigFile), ConfigJson(config, adapted.Select(a => a.Kind).Distinct()));
        File.WriteAllText(Path.Combine(directory, BaseFile), BaseJson(config, model.MergedLoraAdapters));
    }

    /// <summary>
    /// The merged adapters this adapter's base must carry, from <see cref="BaseFile"/>; null when the directory has
    /// none (an adapter written by PEFT or before the file existed: nothing is known, nothing is checked).
    /// </summary>
    public static int? RequiredMergedAdapters(string directory)
    {
        var path = Path.Combine(directory, BaseFile);
        if (!File.Exists(path)) return null;
        try
        {
            var root = JsonNode.Parse(File.ReadAllText(path)) as JsonObject ?? throw new InvalidDataException($"{path}: not a JSON object");
            var count = root["merged_adapters_in_base"]?.GetValue<int>() ?? throw new InvalidDataException($"{path}: 'merged_adapters_in_base' is missing");
            return count >= 0 ? count : throw new InvalidDataException($"{path}: merged_adapters_in_base must be >= 0 (got {count})");
        }
        catch (Exception e) when (e is JsonException or FormatException or InvalidOperationException)
        {
            throw new InvalidDataException($"{path}: {e.Message}", e);
        }
    }

    /// <summary>Reads <c>adapter_config.json</c>.</summary>
    public static LoraConfig LoadConfig(string directory)
    {
        var path = Path.Combine(directory, ConfigFile);
        if (!File.Exists(path)) throw new FileNotFoundException($"adapter directory '{directory}' has no {ConfigFile}", path);
        JsonObject root;
        try
        {
            root = JsonNode.Parse(File.ReadAllText(path)) as JsonObject ?? throw new InvalidDataException($"{path}: not a JSON object");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{path}: not valid JSON: {e.Message}", e);
        }
        string Str(string key) => root[key]?.GetValue<string>() ?? throw new InvalidDataException($"{path}: '{key}' is missing");
        if (Str("peft_type") != "LORA") throw new InvalidDataException($"{path}: peft_type '{Str("peft_type")}' is not LORA");
        if (root["fan_in_fan_out"]?.GetValue<bool>() == true) throw new InvalidDataException($"{path}: fan_in_fan_out true (Conv1D layers) is not supported");
        if (root["bias"]?.GetValue<string>() is { } bias && bias != "none") throw new InvalidDataException($"{path}: bias '{bias}' is not supported (only 'none')");
        if (root["use_dora"]?.GetValue<bool>() == true) throw new InvalidDataException($"{path}: DoRA adapters are not supported");
        if (root["use_rslora"]?.GetValue<bool>() == true) throw new InvalidDataException($"{path}: rsLoRA scaling is not supported");
        // Per-module ranks or alphas would need a scale per projection; one scale alpha/r for all would mis-scale them.
        foreach (var key in new[] { "rank_pattern", "alpha_pattern" })
        {
            if (root[key] is JsonObject pattern && pattern.Count > 0)
            {
                throw new InvalidDataException(
                    $"{path}: a non-empty {key} ({string.Join(", ", pattern.Select(kv => kv.Key))}) is not supported: every adapted projection uses r and lora_alpha");
            }

            if (root[key] is not null and not JsonObject) throw new InvalidDataException($"{path}: {key} must be an object");
        }
        var targets = root["target_modules"] switch
        {
            JsonArray a => a.Select(n => n?.GetValue<string>() ?? throw new InvalidDataException($"{path}: null in target_modules")).ToList(),
            JsonValue v => [v.GetValue<string>()],
            _ => throw new InvalidDataException($"{path}: 'target_modules' is missing"),
        };
        try
        {
            return new LoraConfig
            {
                Rank = root["r"]?.GetValue<int>() ?? throw new InvalidDataException($"{path}: 'r' is missing"),
                Alpha = root["lora_alpha"]?.GetValue<double>() ?? throw new InvalidDataException($"{path}: 'lora_alpha' is missing"),
                Dropout = root["lora_dropout"]?.GetValue<double>() ?? 0,
                TargetModules = targets,
                BaseModelNameOrPath = root["base_model_name_or_path"]?.GetValue<string>() ?? "",
            }.Validate();
        }
        catch (ArgumentException e)
        {
            throw new InvalidDataException($"{path}: {e.Message}", e);
        }
    }

    /// <summary>Attaches the adapter saved in <paramref name="directory"/> to <paramref name="model"/> (freezing the base);
    /// every targeted projection must have both factors with the right shapes, and no other key may appear.</summary>
    public static LoraConfig Load(LlamaForCausalLM model, string directory)
    {
        var config = LoadConfig(directory);
        if (RequiredMergedAdapters(directory) is { } required && required != model.MergedLoraAdapters)
        {
            throw new InvalidDataException(
                $"adapter '{directory}' was trained on {config.BaseModelNameOrPath} with {required} earlier LoRA adapter(s) merged " +
                $"into it (lora_stage2_mode: merge_and_new: load stage 1's adapter and merge it first), but this model has " +
                $"{model.MergedLoraAdapters} merged ({BaseFile})");
        }

        var weightsPath = Path.Combine(directory, WeightsFile);
        if (!File.Exists(weightsPath)) throw new FileNotFoundException($"adapter directory '{directory}' has no {WeightsFile}", weightsPath);
        using var reader = SafetensorsReader.Open(weightsPath);

        var targets = model.Projections().Where(p => config.TargetModules.Contains(p.Kind)).ToList();
        var expected = new Dictionary<string, long[]>();
        foreach (var (path, _, linear) in targets)
        {
            expected[$"{KeyPrefix}{path}.lora_A.weight"] = [config.Rank, linear.InFeatures];
            expected[$"{KeyPrefix}{path}.lora_B.weight"] = [linear.OutFeatures, config.Rank];
        }
        // PEFT strips the adapter name (".default") when saving, so these are the only valid keys.
        var problems = new List<string>();
        var missing = expected.Keys.Where(k => !reader.Contains(k)).ToList();
        if (missing.Count > 0) problems.Add($"missing: {string.Join(", ", missing)}");
        var unexpected = reader.Tensors.Select(t => t.Name).Where(n => !expected.ContainsKey(n)).ToList();
        if (unexpected.Count > 0) problems.Add($"unexpected: {string.Join(", ", unexpected)}");
        var wrong = expected.Where(e => reader.Contains(e.Key) && !reader.Info(e.Key).Shape.SequenceEqual(e.Value))
            .Select(e => $"{e.Key} is [{string.Join(", ", reader.Info(e.Key).Shape)}], expected [{string.Join(", ", e.Value)}]").ToList();
        if (wrong.Count > 0) problems.Add($"wrong shape: {string.Join("; ", wrong)}");
        if (problems.Count > 0) throw new InvalidDataException($"{weightsPath} does not fit the model and {ConfigFile}: {string.Join(" | ", problems)}");

        LoraAdapters.Apply(model, config, seed: 0);
        using var noGrad = no_grad();
        foreach (var (path, _, linear) in targets)
        {
            using var a = reader.Read($"{KeyPrefix}{path}.lora_A.weight", ScalarType.Float32);
            using var b = reader.Read($"{KeyPrefix}{path}.lora_B.weight", ScalarType.Float32);
            linear.Lora!.A.Weight.copy_(a);
            linear.Lora!.B.Weight.copy_(b);
        }
        return config;
    }

    private static string BaseJson(LoraConfig config, int merged)
    {
        var root = new JsonObject
        {
            ["base_model_name_or_path"] = config.BaseModelNameOrPath,
            ["merged_adapters_in_base"] = merged,
            ["meaning"] = merged == 0
                ? "trained on base_model_name_or_path as it is"
                : $"trained on base_model_name_or_path with the {merged} earlier stage adapter(s) of this study merged into it (lora_stage2_mode: merge_and_new); load and merge them, in stage order, before this one",
        };
        return root.ToJsonString(new JsonSerializerOptions { WriteIndented = true });
    }

    private static string ConfigJson(LoraConfig config, IEnumerable<string> targets)
    {
        var root = new JsonObject
        {
            ["peft_type"] = "LORA",
            ["task_type"] = "CAUSAL_LM",
            ["base_model_name_or_path"] = config.BaseModelNameOrPath,
            ["r"] = config.Rank,
            ["lora_alpha"] = config.Alpha,
            ["lora_dropout"] = config.Dropout,
            ["target_modules"] = new JsonArray(targets.Select(t => (JsonNode?)t).ToArray()),
            ["bias"] = "none",
            ["fan_in_fan_out"] = false,
            ["inference_mode"] = true,
            ["init_lora_weights"] = true,
            ["modules_to_save"] = null,
            ["use_rslora"] = false,
            ["use_dora"] = false,
            ["revision"] = null,
        };
        return root.ToJsonString(new JsonSerializerOptions { WriteIndented = true });
    }
}
