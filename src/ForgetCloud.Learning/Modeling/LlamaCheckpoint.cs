using System.Text.Json;
using ForgetCloud.Learning.Quantization;
using ForgetCloud.Learning.Serialization;
using static TorchSharp.torch;

namespace ForgetCloud.Learning.Modeling;

/// <summary>Hugging Face model directories: <c>config.json</c> + <c>model.safetensors</c> or sharded
/// (<c>model.safetensors.index.json</c>) with F32/F16/BF16 tensors.</summary>
public static class LlamaCheckpoint
{
    public const string ConfigFile = "config.json";
    public const string WeightsFile = "model.safetensors";
    public const string IndexFile = "model.safetensors.index.json";

    // Non-persistent buffers that older exports wrote anyway; they are derived from the config, not loaded.
    private static readonly string[] IgnoredSuffixes = [".rotary_emb.inv_freq"];

    /// <summary>Builds the model from <c>config.json</c> and loads every tensor, converted to <paramref name="dtype"/>;
    /// with <paramref name="fourBit"/>, the decoder projections are quantized as they are read.</summary>
    public static LlamaForCausalLM Load(string directory, ScalarType dtype = ScalarType.Float32, Device? device = null, FourBitSpec? fourBit = null)
    {
        if (!Directory.Exists(directory)) throw new DirectoryNotFoundException($"model directory '{directory}' does not exist");
        var configPath = Path.Combine(directory, ConfigFile);
        if (!File.Exists(configPath)) throw new FileNotFoundException($"model directory '{directory}' has no {ConfigFile}", configPath);
        var model = new LlamaForCausalLM(LlamaConfig.Load(configPath), dtype, device);
        try
        {
            LoadWeights(model, directory, fourBit);
            return model;
        }
        catch
        {
            model.Dispose();
            throw;
        }
    }

    /// <summary>Copies the checkpoint's tensors into <paramref name="model"/>; throws one error listing every
    /// missing, unexpected and wrongly shaped tensor. With <paramref name="fourBit"/>, each decoder projection is
    /// quantized straight from the file (one tensor in its stored dtype at a time, converted 1M values at a time), so the full-precision base never exists.</summary>
    public static void LoadWeights(LlamaForCausalLM model, string directory, FourBitSpec? fourBit = null)
    {
        var files = WeightFiles(directory);
        var expected = model.named_parameters()
            .Where(p => !p.name.Contains(".lora_", StringComparison.Ordinal))
            .ToDictionary(p => p.name, p => (Tensor)p.parameter);
        var quantized = fourBit is null
            ? new Dictionary<string, LlamaLinear>()
            : model.Projections().ToDictionary(p => p.Path + ".weight", p => p.Linear);
        if (quantized.Values.Any(l => l.FourBit is not null))
            throw new InvalidOperationException("the model's projections are already stored in 4 bits; load a checkpoint into a full-precision model");
        var readers = files.Select(SafetensorsReader.Open).ToList();
        try
        {
            var found = new Dictionary<string, (SafetensorsReader Reader, SafetensorsTensorInfo Info)>();
            foreach (var reader in readers)
                foreach (var info in reader.Tensors) found[info.Name] = (reader, info);

            var problems = new List<string>();
            var missing = expected.Keys.Where(k => !found.ContainsKey(k)).ToList();
            if (missing.Count > 0) problems.Add($"missing: {string.Join(", ", missing)}");
            var unexpected = found.Keys.Where(k => !expected.ContainsKey(k) && !IsIgnorable(k, model.Config)).ToList();
            if (unexpected.Count > 0) problems.Add($"unexpected: {string.Join(", ", unexpected)}");
            var wrongShape = expected.Where(e => found.TryGetValue(e.Key, out var f) && !f.Info.Shape.SequenceEqual(e.Value.shape))
                .Select(e => $"{e.Key} is [{string.Join(", ", found[e.Key].Info.Shape)}], model expects [{string.Join(", ", e.Value.shape)}]")
                .ToList();
            if (wrongShape.Count > 0) problems.Add($"wrong shape: {string.Join("; ", wrongShape)}");
            if (problems.Count > 0)
                throw new InvalidDataException($"checkpoint '{directory}' does not fit its config: {string.Join(" | ", problems)}");

            using var noGrad = no_grad();
            foreach (var (name, parameter) in expected)
            {
                var (reader, _) = found[name];
                if (quantized.TryGetValue(name, out var linear))
                {
                    using var read = reader.Read(name);
                    using var onDevice = read.to(parameter.device);
                    linear.QuantizeTo4Bit(fourBit!, onDevice);
                    continue;
                }
                reader.ReadInto(name, parameter);
            }
        }
        finally
        {
            foreach (var r in readers) r.Dispose();
        }
    }

    /// <summary>Writes <c>config.json</c> and <c>model.safetensors</c> (base weights only, in the model's dtype).</summary>
    public static void Save(LlamaForCausalLM model, string directory)
    {
        if (model.Projections().Any(p => p.Linear.FourBit is not null))
            throw new InvalidOperationException("a 4-bit base is not saved: its full-precision weights are gone (save the adapters)");
        Directory.CreateDirectory(directory);
        var config = model.Config with { TorchDtype = DTypeName(model.DType) };
        config.Save(Path.Combine(directory, ConfigFile));
        var tensors = model.named_parameters()
            .Where(p => !p.name.Contains(".lora_", StringComparison.Ordinal))
            .Select(p => new KeyValuePair<string, Tensor>(p.name, p.parameter));
        SafetensorsWriter.Write(Path.Combine(directory, WeightsFile), tensors, new Dictionary<string, string> { ["format"] = "pt" });
    }

    public static string DTypeName(ScalarType dtype) => dtype switch
    {
        ScalarType.Float32 => "float32",
        ScalarType.BFloat16 => "bfloat16",
        ScalarType.Float16 => "float16",
        _ => throw new ArgumentException($"unsupported model dtype {dtype}"),
    };

    /// <summary>The safetensors files of a directory: the shards named by the index, or the single file.</summary>
    public static IReadOnlyList<string> WeightFiles(string directory)
    {
        var index = Path.Combine(directory, IndexFile);
        if (File.Exists(index))
        {
            var shards = ReadIndex(index).Values.Distinct().Select(f => Path.Combine(directory, f)).ToList();
            var absent = shards.Where(s => !File.Exists(s)).ToList();
            if (absent.Count > 0) throw new FileNotFoundException($"{index} names shards that do not exist: {string.Join(", ", absent)}");
            return shards;
        }
        var single = Path.Combine(directory, WeightsFile);
        if (File.Exists(single)) return [single];
        throw new FileNotFoundException($"model directory '{directory}' has neither {WeightsFile} nor {IndexFile}");
    }

    /// <summary>The <c>weight_map</c> of a shard index: tensor name -> shard file name.</summary>
    public static IReadOnlyDictionary<string, string> ReadIndex(string indexPath)
    {
        try
        {
            using var doc = JsonDocument.Parse(File.ReadAllText(indexPath));
            if (!doc.RootElement.TryGetProperty("weight_map", out var map) || map.ValueKind != JsonValueKind.Object)
                throw new InvalidDataException($"{indexPath}: no 'weight_map' object");
            return map.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString()
                ?? throw new InvalidDataException($"{indexPath}: weight_map entry '{p.Name}' is not a file name"));
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{indexPath}: not valid JSON: {e.Message}", e);
        }
    }

    // A tied checkpoint may still carry lm_head.weight (a copy of the embedding); it is redundant, not an error.
    private static bool IsIgnorable(string name, LlamaConfig config) =>
        IgnoredSuffixes.Any(s => name.EndsWith(s, StringComparison.Ordinal)) || (config.TieWordEmbeddings && name == "lm_head.weight");
}
