using System.Text.Json;

namespace ForgetCloud.Learning.Tokenization;

/// <summary>
/// The special-token names a model directory declares in <c>tokenizer_config.json</c> and
/// <c>generation_config.json</c> (both optional); used by the tokenizer loaders for BOS, EOS and pad.
/// </summary>
internal sealed class TokenizerConfigFiles
{
    private TokenizerConfigFiles(string directory, string? bosToken, string? eosToken, string? padToken, int? generationEosId)
    {
        Directory = directory;
        BosToken = bosToken;
        EosToken = eosToken;
        PadToken = padToken;
        GenerationEosId = generationEosId;
    }

    public string Directory { get; }

    public string? BosToken { get; }

    public string? EosToken { get; }

    public string? PadToken { get; }

    /// <summary>generation_config.json's eos_token_id (the first one when it lists several).</summary>
    public int? GenerationEosId { get; }

    public static TokenizerConfigFiles Read(string directory)
    {
        string? bos = null, eos = null, pad = null;
        var tokenizerConfig = Path.Combine(directory, "tokenizer_config.json");
        if (File.Exists(tokenizerConfig))
        {
            using var doc = Parse(tokenizerConfig);
            bos = TokenName(doc.RootElement, "bos_token", tokenizerConfig);
            eos = TokenName(doc.RootElement, "eos_token", tokenizerConfig);
            pad = TokenName(doc.RootElement, "pad_token", tokenizerConfig);
        }

        int? generationEos = null;
        var generationConfig = Path.Combine(directory, "generation_config.json");
        if (File.Exists(generationConfig))
        {
            using var doc = Parse(generationConfig);
            if (doc.RootElement.TryGetProperty("eos_token_id", out var e))
            {
                generationEos = e.ValueKind switch
                {
                    JsonValueKind.Number => e.GetInt32(),
                    JsonValueKind.Array when e.GetArrayLength() > 0 && e[0].ValueKind == JsonValueKind.Number => e[0].GetInt32(),
                    JsonValueKind.Null => null,
                    _ => throw new InvalidDataException($"{generationConfig}: eos_token_id must be an integer or a list of integers, got {e.GetRawText()}."),
                };
            }
        }

        return new TokenizerConfigFiles(directory, bos, eos, pad, generationEos);
    }

    internal static JsonDocument Parse(string path)
    {
        try
        {
            using var stream = File.OpenRead(path);
            return JsonDocument.Parse(stream);
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{path}: malformed JSON: {e.Message}", e);
        }
    }

    // A token is written either as a string or as an AddedToken object {"content": ...}.
    private static string? TokenName(JsonElement root, string key, string path)
    {
        if (!root.TryGetProperty(key, out var value))
        {
            return null;
        }

        return value.ValueKind switch
        {
            JsonValueKind.Null => null,
            JsonValueKind.String => value.GetString(),
            JsonValueKind.Object when value.TryGetProperty("content", out var c) && c.ValueKind == JsonValueKind.String => c.GetString(),
            _ => throw new InvalidDataException($"{path}: '{key}' must be a string or an object with 'content', got {value.GetRawText()}."),
        };
    }
}
