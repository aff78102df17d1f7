using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using ForgetCloud.Learning.Tokenization;

namespace ForgetCloud.Workers.Datasets;

/// <summary>
/// A tokenizer's identity for content addressing: SHA-256 over its vocabulary size, special ids and the ids it gives a
/// fixed probe text (ASCII, digits, punctuation, accents, CJK, emoji). Two tokenizers that agree on all of it tokenize
/// the datasets alike for every practical purpose; one that differs gets other shards, never stale ones.
/// </summary>
public static class TokenizerFingerprint
{
    /// <summary>The probe text; changing it changes every dataset hash (shards are rebuilt once).</summary>
    public const string Probe = "Natalia sold clips to 48 of her friends in April, and then she sold half as many clips in May.\n" +
                                "#### 72  Answer: (C) $1,234.50 = 3/4 x 10^2; naïve café 你好 🙂\t<|end|>";

    public static string Of(ITextTokenizer tokenizer)
    {
        ArgumentNullException.ThrowIfNull(tokenizer);
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"vocab={tokenizer.VocabSize};bos={tokenizer.BosTokenId};eos={tokenizer.EosTokenId};pad={tokenizer.PadTokenId};ids=");
        text.AppendJoin(',', tokenizer.Encode(Probe));
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }
}
