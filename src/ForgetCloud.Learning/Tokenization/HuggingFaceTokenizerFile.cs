using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.ML.Tokenizers;

namespace ForgetCloud.Learning.Tokenization;

/// <summary>
/// Loads a Hugging Face <c>tokenizer.json</c> holding a byte-level BPE (GPT-2, Llama 3 style): model.vocab and
/// model.merges (either "a b" strings or [a, b] pairs), the pre-tokenizer (Split regex + ByteLevel, or ByteLevel
/// alone with GPT-2's regex), and the added tokens, which are matched verbatim in text. Anything else
/// (normalizers, WordPiece, SentencePiece-style BPE, add_prefix_space) is rejected with an error naming it.
/// </summary>
public static class HuggingFaceTokenizerFile
{
    // GPT-2's pattern, which HF's ByteLevel pre-tokenizer applies when use_regex is true.
    private const string ByteLevelDefaultPattern = @"'s|'t|'re|'ve|'m|'ll|'d| ?\p{L}+| ?\p{N}+| ?[^\s\p{L}\p{N}]+|\s+(?!\S)|\s+";

    /// <summary>
    /// Loads <paramref name="path"/>. BOS: the special token the post_processor's template puts before the sequence,
    /// else tokenizer_config.json's bos_token, else none. EOS: tokenizer_config.json's eos_token, else
    /// generation_config.json's (first) eos_token_id, else an error. Pad: tokenizer_config.json's pad_token, else EOS.
    /// The config files are looked up beside <paramref name="path"/>.
    /// </summary>
    public static ByteLevelBpeTokenizer Load(string path)
    {
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"Tokenizer file not found: {path}", path);
        }

        using var doc = TokenizerConfigFiles.Parse(path);
        var root = doc.RootElement;
        var model = Required(root, "model", path);
        var type = model.TryGetProperty("type", out var t) ? t.GetString() : null;
        if (type != "BPE")
        {
            throw new NotSupportedException($"{path}: model.type is '{type ?? "missing"}'; only byte-level BPE is supported.");
        }

        RejectIfSet(model, "continuing_subword_prefix", path);
        RejectIfSet(model, "end_of_word_suffix", path);
        if (model.TryGetProperty("byte_fallback", out var bf) && bf.ValueKind == JsonValueKind.True)
        {
            throw new NotSupportedException($"{path}: model.byte_fallback is true (SentencePiece-style BPE); only byte-level BPE is supported.");
        }

        if (root.TryGetProperty("normalizer", out var normalizer) && normalizer.ValueKind != JsonValueKind.Null)
        {
            throw new NotSupportedException($"{path}: normalizer '{TypeOf(normalizer)}' is not supported (byte-level BPE uses none).");
        }

        var vocab = ReadVocab(Required(model, "vocab", path), path);
        var merges = ReadMerges(Required(model, "merges", path), path);
        var pattern = ReadPreTokenizerPattern(Required(root, "pre_tokenizer", path), path);
        var added = ReadAddedTokens(root, path);

        var config = TokenizerConfigFiles.Read(Path.GetDirectoryName(Path.GetFullPath(path))!);
        var bos = TemplateBosToken(root) ?? config.BosToken;
        int? bosId = bos is null ? null : IdOf(bos, added, vocab, path, "BOS");
        var eosId = config.EosToken is { } eosName ? IdOf(eosName, added, vocab, path, "EOS")
            : config.GenerationEosId ?? throw new InvalidDataException(
                $"{path}: cannot determine the EOS token: no eos_token in tokenizer_config.json and no eos_token_id in generation_config.json in {config.Directory}.");
        var padId = config.PadToken is { } padName ? IdOf(padName, added, vocab, path, "pad") : eosId;

        var vocabSize = Math.Max(vocab.Values.Max(), added.Count == 0 ? -1 : added.Values.Max()) + 1;
        var regex = new Regex(pattern, RegexOptions.Compiled | RegexOptions.CultureInvariant);
        BpeTokenizer engine;
        try
        {
            engine = BpeTokenizer.Create(new BpeOptions(vocab)
            {
                Merges = merges,
                SpecialTokens = added,
                PreTokenizer = new RegexPreTokenizer(regex, added),
                ByteLevel = true,
            });
        }
        catch (Exception e) when (e is InvalidOperationException or ArgumentException or FormatException)
        {
            throw new InvalidDataException($"{path}: inconsistent BPE model: {e.Message}", e);
        }

        return new ByteLevelBpeTokenizer(path, engine, vocabSize, added, bosId, eosId, padId);
    }

    private static Dictionary<string, int> ReadVocab(JsonElement vocab, string path)
    {
        if (vocab.ValueKind != JsonValueKind.Object)
        {
            throw new InvalidDataException($"{path}: model.vocab must be an object of token -> id.");
        }

        var result = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var entry in vocab.EnumerateObject())
        {
            if (entry.Value.ValueKind != JsonValueKind.Number || !entry.Value.TryGetInt32(out var id) || id < 0)
            {
                throw new InvalidDataException($"{path}: model.vocab['{entry.Name}'] must be a non-negative integer id, got {entry.Value.GetRawText()}.");
            }

            result[entry.Name] = id;
        }

        if (result.Count == 0)
        {
            throw new InvalidDataException($"{path}: model.vocab is empty.");
        }

        return result;
    }

    // tokenizers < 0.20 writes merges as "a b"; newer versions write ["a", "b"] so tokens may contain spaces.
    private static List<string> ReadMerges(JsonElement merges, string path)
    {
        if (merges.ValueKind != JsonValueKind.Array)
        {
            throw new InvalidDataException($"{path}: model.merges must be an array.");
        }

        var result = new List<string>(merges.GetArrayLength());
        var index = 0;
        foreach (var merge in merges.EnumerateArray())
        {
            string? left = null, right = null;
            if (merge.ValueKind == JsonValueKind.String)
            {
                var parts = merge.GetString()!.Split(' ');
                if (parts.Length == 2)
                {
                    (left, right) = (parts[0], parts[1]);
                }
            }
            else if (merge.ValueKind == JsonValueKind.Array && merge.GetArrayLength() == 2
                     && merge[0].ValueKind == JsonValueKind.String && merge[1].ValueKind == JsonValueKind.String)
            {
                (left, right) = (merge[0].GetString(), merge[1].GetString());
            }

            if (string.IsNullOrEmpty(left) || string.IsNullOrEmpty(right))
            {
                throw new InvalidDataException($"{path}: model.merges[{index}] must be \"a b\" or [\"a\", \"b\"], got {merge.GetRawText()}.");
            }

            // Byte-level tokens map the space byte to 'Ġ', so a real space here means a format we can't pass on.
            if (left.Contains(' ') || right.Contains(' '))
            {
                throw new NotSupportedException($"{path}: model.merges[{index}] has a token with a space ({merge.GetRawText()}); not a byte-level BPE.");
            }

            result.Add(left + " " + right);
            index++;
        }

        return result;
    }

    private static string ReadPreTokenizerPattern(JsonElement pre, string path)
    {
        var steps = TypeOf(pre) == "Sequence" ? Required(pre, "pretokenizers", path).EnumerateArray().ToList() : [pre];
        string? pattern = null;
        var byteLevel = false;
        foreach (var step in steps)
        {
            switch (TypeOf(step))
            {
                case "Split" when pattern is null && !byteLevel:
                    pattern = SplitPattern(step, path);
                    break;
                case "ByteLevel" when !byteLevel:
                    if (step.TryGetProperty("add_prefix_space", out var aps) && aps.ValueKind == JsonValueKind.True)
                    {
                        throw new NotSupportedException($"{path}: pre_tokenizer ByteLevel.add_prefix_space = true is not supported.");
                    }

                    var useRegex = !step.TryGetProperty("use_regex", out var ur) || ur.ValueKind != JsonValueKind.False;
                    if (useRegex)
                    {
                        if (pattern is not null)
                        {
                            throw new NotSupportedException($"{path}: pre_tokenizer has both a Split regex and ByteLevel.use_regex = true.");
                        }

                        pattern = ByteLevelDefaultPattern;
                    }

                    byteLevel = true;
                    break;
                default:
                    throw new NotSupportedException(
                        $"{path}: pre_tokenizer step '{TypeOf(step)}' is not supported here (expected Split then ByteLevel, or ByteLevel alone).");
            }
        }

        if (!byteLevel || pattern is null)
        {
            throw new NotSupportedException($"{path}: pre_tokenizer must contain a ByteLevel step and a split regex; this is not a byte-level BPE.");
        }

        return pattern;
    }

    private static string SplitPattern(JsonElement split, string path)
    {
        var behavior = split.TryGetProperty("behavior", out var b) ? b.GetString() : null;
        var invert = split.TryGetProperty("invert", out var inv) && inv.ValueKind == JsonValueKind.True;
        if (behavior != "Isolated" || invert)
        {
            throw new NotSupportedException($"{path}: Split pre-tokenizer with behavior '{behavior}', invert {invert} is not supported (only Isolated, not inverted).");
        }

        var p = Required(split, "pattern", path);
        if (p.TryGetProperty("Regex", out var regex) && regex.ValueKind == JsonValueKind.String)
        {
            return regex.GetString()!;
        }

        if (p.TryGetProperty("String", out var literal) && literal.ValueKind == JsonValueKind.String)
        {
            return Regex.Escape(literal.GetString()!);
        }

        throw new InvalidDataException($"{path}: Split.pattern must be {{\"Regex\": ...}} or {{\"String\": ...}}, got {p.GetRawText()}.");
    }

    private static Dictionary<string, int> ReadAddedTokens(JsonElement root, string path)
    {
        var result = new Dictionary<string, int>(StringComparer.Ordinal);
        if (!root.TryGetProperty("added_tokens", out var added) || added.ValueKind == JsonValueKind.Null)
        {
            return result;
        }

        foreach (var token in added.EnumerateArray())
        {
            var content = Required(token, "content", path).GetString();
            var idElement = Required(token, "id", path);
            if (string.IsNullOrEmpty(content) || !idElement.TryGetInt32(out var id) || id < 0)
            {
                throw new InvalidDataException($"{path}: added token {token.GetRawText()} needs a non-empty content and a non-negative id.");
            }

            foreach (var flag in new[] { "lstrip", "rstrip", "single_word" })
            {
                if (token.TryGetProperty(flag, out var f) && f.ValueKind == JsonValueKind.True)
                {
                    throw new NotSupportedException($"{path}: added token '{content}' sets {flag} = true, which is not supported.");
                }
            }

            result[content] = id;
        }

        return result;
    }

    // TemplateProcessing (possibly inside a Sequence): the special tokens placed before sequence A, e.g. BOS.
    private static string? TemplateBosToken(JsonElement root)
    {
        if (!root.TryGetProperty("post_processor", out var post) || post.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        var processors = TypeOf(post) == "Sequence" && post.TryGetProperty("processors", out var list)
            ? list.EnumerateArray().ToList()
            : [post];
        foreach (var processor in processors.Where(p => TypeOf(p) == "TemplateProcessing"))
        {
            if (!processor.TryGetProperty("single", out var single))
            {
                continue;
            }

            foreach (var piece in single.EnumerateArray())
            {
                if (piece.TryGetProperty("Sequence", out _))
                {
                    break;
                }

                if (piece.TryGetProperty("SpecialToken", out var special) && special.TryGetProperty("id", out var id))
                {
                    return id.GetString();
                }
            }
        }

        return null;
    }

    private static int IdOf(string token, Dictionary<string, int> added, Dictionary<string, int> vocab, string path, string role) =>
        added.TryGetValue(token, out var id) ? id
        : vocab.TryGetValue(token, out id) ? id
        : throw new InvalidDataException($"{path}: {role} token '{token}' is neither an added token nor in model.vocab.");

    private static JsonElement Required(JsonElement element, string key, string path) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(key, out var value) && value.ValueKind != JsonValueKind.Null
            ? value
            : throw new InvalidDataException($"{path}: missing required key '{key}'.");

    private static void RejectIfSet(JsonElement element, string key, string path)
    {
        if (element.TryGetProperty(key, out var v) && v.ValueKind == JsonValueKind.String && v.GetString()!.Length > 0)
        {
            throw new NotSupportedException($"{path}: model.{key} = '{v.GetString()}' is not supported (byte-level BPE uses none).");
        }
    }

    private static string TypeOf(JsonElement element) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty("type", out var t) && t.ValueKind == JsonValueKind.String
            ? t.GetString()!
            : "untyped";
}
