using System.Text.Json;
using System.Text.Json.Nodes;

namespace ForgetCloud.Learning.Modeling;

/// <summary>A Llama-architecture configuration, read from and written to a Hugging Face <c>config.json</c>.</summary>
public sealed record LlamaConfig
{
    public required int VocabSize { get; init; }
    public required int HiddenSize { get; init; }
    public required int IntermediateSize { get; init; }
    public required int NumHiddenLayers { get; init; }
    public required int NumAttentionHeads { get; init; }
    public required int NumKeyValueHeads { get; init; }
    /// <summary>Per-head width; Hugging Face defaults it to hidden_size / num_attention_heads.</summary>
    public required int HeadDim { get; init; }
    public double RmsNormEps { get; init; } = 1e-6;
    public double RopeTheta { get; init; } = 10000.0;
    public RopeScaling? RopeScaling { get; init; }
    public int MaxPositionEmbeddings { get; init; } = 2048;
    public bool AttentionBias { get; init; }
    public bool MlpBias { get; init; }
    public bool TieWordEmbeddings { get; init; }
    public int? BosTokenId { get; init; }
    public IReadOnlyList<int> EosTokenIds { get; init; } = [];
    public int? PadTokenId { get; init; }
    public string TorchDtype { get; init; } = "float32";

    /// <summary>Throws <see cref="InvalidDataException"/> naming the first inconsistent field.</summary>
    public LlamaConfig Validate()
    {
        static void Require(bool ok, string message)
        {
            if (!ok) throw new InvalidDataException($"invalid Llama config: {message}");
        }
        Require(VocabSize > 0, $"vocab_size must be positive (got {VocabSize})");
        Require(HiddenSize > 0, $"hidden_size must be positive (got {HiddenSize})");
        Require(IntermediateSize > 0, $"intermediate_size must be positive (got {IntermediateSize})");
        Require(NumHiddenLayers > 0, $"num_hidden_layers must be positive (got {NumHiddenLayers})");
        Require(NumAttentionHeads > 0, $"num_attention_heads must be positive (got {NumAttentionHeads})");
        Require(NumKeyValueHeads > 0 && NumAttentionHeads % NumKeyValueHeads == 0,
            $"num_key_value_heads ({NumKeyValueHeads}) must divide num_attention_heads ({NumAttentionHeads})");
        Require(HeadDim > 0 && HeadDim % 2 == 0, $"head_dim must be positive and even for rotary embeddings (got {HeadDim})");
        Require(RmsNormEps > 0, $"rms_norm_eps must be positive (got {RmsNormEps})");
        Require(RopeTheta > 0, $"rope_theta must be positive (got {RopeTheta})");
        Require(MaxPositionEmbeddings > 0, $"max_position_embeddings must be positive (got {MaxPositionEmbeddings})");
        Require(TorchDtype is "float32" or "bfloat16" or "float16", $"torch_dtype '{TorchDtype}' is not one of float32, bfloat16, float16");
        foreach (var id in EosTokenIds.Concat(BosTokenId is { } b ? [b] : []))
            Require(id >= 0 && id < VocabSize, $"special token id {id} lies outside the vocabulary [0, {VocabSize})");
        if (RopeScaling is { } s)
        {
            Require(s.RopeType == "llama3", $"rope_scaling.rope_type '{s.RopeType}' is not supported (only 'llama3')");
            Require(s.Factor >= 1, $"rope_scaling.factor must be >= 1 (got {s.Factor})");
            Require(s.LowFreqFactor > 0 && s.HighFreqFactor > s.LowFreqFactor,
                $"rope_scaling needs 0 < low_freq_factor ({s.LowFreqFactor}) < high_freq_factor ({s.HighFreqFactor})");
            Require(s.OriginalMaxPositionEmbeddings > 0,
                $"rope_scaling.original_max_position_embeddings must be positive (got {s.OriginalMaxPositionEmbeddings})");
        }
        return this;
    }

    public static LlamaConfig Load(string path)
    {
        try
        {
            return Parse(File.ReadAllText(path));
        }
        catch (InvalidDataException e)
        {
            throw new InvalidDataException($"{path}: {e.Message}", e);
        }
    }

    public static LlamaConfig Parse(string json)
    {
        JsonObject root;
        try
        {
            root = JsonNode.Parse(json) as JsonObject ?? throw new InvalidDataException("config.json must hold a JSON object");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"config.json is not valid JSON: {e.Message}", e);
        }
        if (root["model_type"]?.GetValue<string>() is { } type && type != "llama")
            throw new InvalidDataException($"model_type '{type}' is not supported (only 'llama')");

        if (root["hidden_act"]?.GetValue<string>() is { } act && act != "silu")
            throw new InvalidDataException($"hidden_act '{act}' is not supported (Llama uses 'silu')");
        var hidden = Int(root, "hidden_size");
        var heads = Int(root, "num_attention_heads");
        var rope = ParseRope(root);
        return new LlamaConfig
        {
            VocabSize = Int(root, "vocab_size"),
            HiddenSize = hidden,
            IntermediateSize = Int(root, "intermediate_size"),
            NumHiddenLayers = Int(root, "num_hidden_layers"),
            NumAttentionHeads = heads,
            NumKeyValueHeads = OptionalInt(root, "num_key_value_heads") ?? heads,
            HeadDim = OptionalInt(root, "head_dim") ?? (heads > 0 && hidden % heads == 0
                ? hidden / heads
                : throw new InvalidDataException($"hidden_size ({hidden}) is not divisible by num_attention_heads ({heads}) and head_dim is absent")),
            RmsNormEps = OptionalDouble(root, "rms_norm_eps") ?? 1e-6,
            RopeTheta = rope.Theta,
            RopeScaling = rope.Scaling,
            MaxPositionEmbeddings = OptionalInt(root, "max_position_embeddings") ?? 2048,
            AttentionBias = OptionalBool(root, "attention_bias") ?? false,
            MlpBias = OptionalBool(root, "mlp_bias") ?? false,
            TieWordEmbeddings = OptionalBool(root, "tie_word_embeddings") ?? false,
            BosTokenId = OptionalInt(root, "bos_token_id"),
            EosTokenIds = ParseIds(root["eos_token_id"]),
            PadTokenId = OptionalInt(root, "pad_token_id"),
            TorchDtype = root["torch_dtype"]?.GetValue<string>() ?? "float32",
        }.Validate();
    }

    public string ToJson()
    {
        var root = new JsonObject
        {
            ["architectures"] = new JsonArray("LlamaForCausalLM"),
            ["model_type"] = "llama",
            ["vocab_size"] = VocabSize,
            ["hidden_size"] = HiddenSize,
            ["intermediate_size"] = IntermediateSize,
            ["num_hidden_layers"] = NumHiddenLayers,
            ["num_attention_heads"] = NumAttentionHeads,
            ["num_key_value_heads"] = NumKeyValueHeads,
            ["head_dim"] = HeadDim,
            ["hidden_act"] = "silu",
            ["rms_norm_eps"] = RmsNormEps,
            ["rope_theta"] = RopeTheta,
            ["rope_scaling"] = RopeScaling is { } s
                ? new JsonObject
                {
                    ["rope_type"] = s.RopeType,
                    ["factor"] = s.Factor,
                    ["low_freq_factor"] = s.LowFreqFactor,
                    ["high_freq_factor"] = s.HighFreqFactor,
                    ["original_max_position_embeddings"] = s.OriginalMaxPositionEmbeddings,
                }
                : null,
            ["max_position_embeddings"] = MaxPositionEmbeddings,
            ["attention_bias"] = AttentionBias,
            ["mlp_bias"] = MlpBias,
            ["tie_word_embeddings"] = TieWordEmbeddings,
            ["bos_token_id"] = BosTokenId,
            ["eos_token_id"] = EosTokenIds.Count == 1 ? JsonValue.Create(EosTokenIds[0]) : new JsonArray(EosTokenIds.Select(i => (JsonNode?)i).ToArray()),
            ["pad_token_id"] = PadTokenId,
            ["torch_dtype"] = TorchDtype,
            ["initializer_range"] = 0.02,
        };
        return root.ToJsonString(new JsonSerializerOptions { WriteIndented = true });
    }

    public void Save(string path) => File.WriteAllText(path, ToJson());

    /// <summary>Hugging Face's default rope_theta for Llama (LlamaConfig), when a config names none.</summary>
    private const double DefaultRopeTheta = 10000.0;

    private static readonly string[] Llama3ScalingKeys = ["factor", "low_freq_factor", "high_freq_factor", "original_max_position_embeddings"];

    /// <summary>
    /// RoPE settings from either spelling: transformers v5's <c>rope_parameters</c> (<c>rope_type</c>, <c>rope_theta</c>
    /// and the scaling keys in one object) or the older top-level <c>rope_theta</c> plus <c>rope_scaling</c>. Both at
    /// once, a rope_theta that disagrees, an unsupported rope_type or any key this model would not apply is an error:
    /// ignoring one would run a different positional encoding than the checkpoint was trained with.
    /// </summary>
    private static (double Theta, RopeScaling? Scaling) ParseRope(JsonObject root)
    {
        var topTheta = OptionalDouble(root, "rope_theta");
        if (root["rope_parameters"] is not { } parameters)
            return (topTheta ?? DefaultRopeTheta, ParseRopeScaling(root["rope_scaling"], "rope_scaling", allowTheta: false));

        if (root["rope_scaling"] is not null)
            throw new InvalidDataException("config.json has both rope_parameters and rope_scaling; keep one (transformers v5 writes rope_parameters)");
        if (parameters is not JsonObject o) throw new InvalidDataException("rope_parameters must be an object");
        var theta = OptionalDouble(o, "rope_theta");
        if (theta is { } inner && topTheta is { } outer && inner != outer)
            throw new InvalidDataException($"rope_parameters.rope_theta ({inner}) disagrees with rope_theta ({outer})");
        return (theta ?? topTheta ?? DefaultRopeTheta, ParseRopeScaling(o, "rope_parameters", allowTheta: true));
    }

    private static RopeScaling? ParseRopeScaling(JsonNode? node, string path, bool allowTheta)
    {
        if (node is null) return null;
        if (node is not JsonObject o) throw new InvalidDataException($"{path} must be an object or null");
        var typeKey = o.ContainsKey("rope_type") ? "rope_type" : "type";
        var type = o[typeKey]?.GetValue<string>() ?? throw new InvalidDataException($"{path} has no rope_type");
        if (type is not ("default" or "llama3"))
            throw new InvalidDataException($"{path}.rope_type '{type}' is not supported (only 'llama3' and 'default')");
        string[] known = [typeKey, .. allowTheta ? ["rope_theta"] : Array.Empty<string>(), .. type == "llama3" ? Llama3ScalingKeys : []];
        if (o.Select(kv => kv.Key).FirstOrDefault(k => !known.Contains(k, StringComparer.Ordinal)) is { } unknown)
        {
            throw new InvalidDataException(
                $"{path}.{unknown} is not a RoPE setting this model applies for rope_type '{type}' (known: {string.Join(", ", known)})");
        }

        if (type == "default") return null;
        return new RopeScaling(type,
            OptionalDouble(o, "factor") ?? throw Missing($"{path}.factor"),
            OptionalDouble(o, "low_freq_factor") ?? throw Missing($"{path}.low_freq_factor"),
            OptionalDouble(o, "high_freq_factor") ?? throw Missing($"{path}.high_freq_factor"),
            OptionalInt(o, "original_max_position_embeddings") ?? throw Missing($"{path}.original_max_position_embeddings"));
    }

    private static IReadOnlyList<int> ParseIds(JsonNode? node) => node switch
    {
        null => [],
        JsonArray a => a.Select(n => n is null ? throw new InvalidDataException("eos_token_id list holds null") : ReadInt(n, "eos_token_id")).ToArray(),
        _ => [ReadInt(node, "eos_token_id")],
    };

    private static InvalidDataException Missing(string key) => new($"required field '{key}' is missing");

    private static int Int(JsonObject o, string key) => OptionalInt(o, key) ?? throw Missing(key);

    private static int? OptionalInt(JsonObject o, string key) => o[key] is { } n ? ReadInt(n, key) : null;

    private static int ReadInt(JsonNode n, string key)
    {
        try
        {
            return n.GetValue<int>();
        }
        catch (Exception e) when (e is FormatException or InvalidOperationException)
        {
            throw new InvalidDataException($"field '{key}' must be an integer (got {n.ToJsonString()})", e);
        }
    }

    private static double? OptionalDouble(JsonObject o, string key)
    {
        if (o[key] is not { } n) return null;
        try
        {
            return n.GetValue<double>();
        }
        catch (Exception e) when (e is FormatException or InvalidOperationException)
        {
            throw new InvalidDataException($"field '{key}' must be a number (got {n.ToJsonString()})", e);
        }
    }

    private static bool? OptionalBool(JsonObject o, string key)
    {
        if (o[key] is not { } n) return null;
        try
        {
            return n.GetValue<bool>();
        }
        catch (Exception e) when (e is FormatException or InvalidOperationException)
        {
            throw new InvalidDataException($"field '{key}' must be true or false (got {n.ToJsonString()})", e);
        }
    }
}
