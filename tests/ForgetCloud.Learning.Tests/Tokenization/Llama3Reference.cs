using ForgetCloud.Learning.Tokenization;

namespace ForgetCloud.Learning.Tests.Tokenization;

/// <summary>The real Llama 3 tokenizer loaded once: ours, and Hugging Face's Rust one as the reference.</summary>
internal static class Llama3Reference
{
    private static readonly Lazy<ByteLevelBpeTokenizer> OursLazy = new(() => HuggingFaceTokenizerFile.Load(TokenizerTestAssets.Llama3TokenizerJson));
    private static readonly Lazy<Tokenizers.DotNet.Tokenizer> HfLazy = new(() => new Tokenizers.DotNet.Tokenizer(vocabPath: TokenizerTestAssets.Llama3TokenizerJson));
    private static readonly object HfLock = new();

    public static ByteLevelBpeTokenizer Ours => OursLazy.Value;

    /// <summary>Hugging Face tokenizers' ids for <paramref name="text"/> (no BOS: this tokenizer.json has no template).</summary>
    public static int[] HfIds(string text)
    {
        lock (HfLock)
        {
            return HfLazy.Value.Encode(text).Select(id => checked((int)id)).ToArray();
        }
    }

    /// <summary>A few hundred real GSM8K and AQUA-RAT strings.</summary>
    public static IReadOnlyList<string> RealText { get; } = [.. TokenizerTestAssets.Gsm8k("test", 150), .. TokenizerTestAssets.Aqua(40)];
}
