namespace ForgetCloud.Learning.Tokenization;

/// <summary>Finds a tokenizer by preset name or in a model directory.</summary>
public static class TokenizerFactory
{
    public const string TokenizerJsonFile = "tokenizer.json";
    public const string TiktokenModelFileName = "tokenizer.model";

    /// <summary>The offline presets: full GPT-2 and GPT-2 truncated to 8192 and 512 ids.</summary>
    public static IReadOnlyList<string> PresetNames { get; } = ["gpt2", "gpt2-8k", "gpt2-512"];

    /// <summary>A preset name (see <see cref="PresetNames"/>) or a directory holding a tokenizer.</summary>
    public static ByteLevelBpeTokenizer Load(string nameOrDirectory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(nameOrDirectory);
        if (PresetNames.Contains(nameOrDirectory))
        {
            return FromName(nameOrDirectory);
        }

        if (Directory.Exists(nameOrDirectory))
        {
            return FromDirectory(nameOrDirectory);
        }

        throw new ArgumentException(
            $"'{nameOrDirectory}' is neither a tokenizer preset ({string.Join(", ", PresetNames)}) nor an existing directory.",
            nameof(nameOrDirectory));
    }

    public static ByteLevelBpeTokenizer FromName(string name) => name switch
    {
        "gpt2" => Gpt2Tokenizers.Full(),
        "gpt2-8k" => Gpt2Tokenizers.Truncated(8192),
        "gpt2-512" => Gpt2Tokenizers.Truncated(512),
        _ => throw new ArgumentException($"Unknown tokenizer preset '{name}'; known: {string.Join(", ", PresetNames)}.", nameof(name)),
    };

    /// <summary>
    /// tokenizer.json when present (Hugging Face format), else tokenizer.model (tiktoken format, Llama 3 specials;
    /// EOS from tokenizer_config.json's eos_token when present, else &lt;|end_of_text|&gt;).
    /// </summary>
    public static ByteLevelBpeTokenizer FromDirectory(string directory)
    {
        if (!Directory.Exists(directory))
        {
            throw new DirectoryNotFoundException($"Model directory not found: {directory}");
        }

        var json = Path.Combine(directory, TokenizerJsonFile);
        if (File.Exists(json))
        {
            return HuggingFaceTokenizerFile.Load(json);
        }

        var tiktoken = Path.Combine(directory, TiktokenModelFileName);
        if (File.Exists(tiktoken))
        {
            var eos = TokenizerConfigFiles.Read(directory).EosToken ?? Llama3Tokenization.EndOfText;
            return TiktokenModelFile.Load(tiktoken, eos);
        }

        throw new FileNotFoundException(
            $"No tokenizer in {directory}: expected {TokenizerJsonFile} (Hugging Face) or {TiktokenModelFileName} (tiktoken).");
    }
}
