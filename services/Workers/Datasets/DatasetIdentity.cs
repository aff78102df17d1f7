using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace ForgetCloud.Workers.Datasets;

/// <summary>
/// Everything a dataset part's content depends on; its SHA-256 (of this record as JSON) is the part's address
/// <c>datasets/&lt;hash&gt;/</c>. Same source bytes, tokenizer and settings -> same hash -> shards reused across runs.
/// </summary>
/// <param name="Format">The shard format version: bumping it re-addresses every part.</param>
/// <param name="Part">One of <see cref="DatasetPart"/>.</param>
/// <param name="Dataset">gsm8k or aqua_rat.</param>
/// <param name="Split">The split file.</param>
/// <param name="SourceSha256">SHA-256 of the raw split file's bytes.</param>
/// <param name="Tokenizer">The tokenizer's <see cref="TokenizerFingerprint"/>; null for test sets (stored untokenized).</param>
/// <param name="MaxExamples">training.stageN.max_examples; null = all (and for test sets).</param>
/// <param name="MaxLength">training.stageN.max_length; null for test sets.</param>
public sealed record DatasetIdentity(
    int Format,
    string Part,
    string Dataset,
    string Split,
    string SourceSha256,
    string? Tokenizer,
    int? MaxExamples,
    int? MaxLength)
{
    public const int CurrentFormat = 1;

    public string Hash() => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(this, ShardJson.Options))));
}
