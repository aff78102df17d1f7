namespace ForgetCloud.Learning.Data;

/// <summary>
/// A right-padded batch as plain arrays, row-major <c>[BatchSize, SequenceLength]</c>.
/// <list type="bullet">
/// <item><see cref="InputIds"/>: token ids, the pad id after each example's end.</item>
/// <item><see cref="AttentionMask"/>: 1 on real tokens, 0 on padding.</item>
/// <item><see cref="LabelMask"/>: 1 at position t when the next-token loss of the logits at t counts, i.e. when
/// token t+1 is a target token of the example (t+1 &gt;= PromptLength and t+1 &lt; length). The last real position and
/// all padding are 0, so <c>loss = sum(mask * CE(logits[:, :-1], ids[:, 1:])) / sum(mask)</c> after dropping the
/// last column of the mask.</item>
/// </list>
/// </summary>
public sealed record Batch(
    DataPosition Position,
    int BatchSize,
    int SequenceLength,
    long[] InputIds,
    long[] AttentionMask,
    long[] LabelMask,
    IReadOnlyList<string> ExampleIds)
{
    /// <summary>Real (unpadded) tokens.</summary>
    public long RealTokens => AttentionMask.Sum();

    /// <summary>Positions whose next-token loss counts.</summary>
    public long ScoredTokens => LabelMask.Sum();

    /// <summary>Builds a batch from examples in the given order, padded to the longest.</summary>
    public static Batch Collate(DataPosition position, IReadOnlyList<TokenizedExample> examples, int padTokenId)
    {
        if (examples.Count == 0) throw new ArgumentException("a batch needs at least one example", nameof(examples));
        var b = examples.Count;
        var t = examples.Max(e => e.Length);
        var ids = new long[b * t];
        var attention = new long[b * t];
        var labels = new long[b * t];
        Array.Fill(ids, padTokenId);
        for (var row = 0; row < b; row++)
        {
            var example = examples[row];
            var offset = row * t;
            for (var i = 0; i < example.Length; i++)
            {
                ids[offset + i] = example.InputIds[i];
                attention[offset + i] = 1;
            }

            for (var i = Math.Max(example.PromptLength, 1); i < example.Length; i++) labels[offset + i - 1] = 1;
        }

        return new Batch(position, b, t, ids, attention, labels, [.. examples.Select(e => e.Id)]);
    }
}
