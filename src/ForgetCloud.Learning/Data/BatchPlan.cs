namespace ForgetCloud.Learning.Data;

/// <summary>
/// The order in which a stage sees its examples: per epoch a permutation drawn from
/// <see cref="SplitMix64.ForEpoch"/>(seed, epoch), so the order depends on nothing else and a run resumed from a
/// <see cref="DataPosition"/> continues with exactly the batches it would have seen. Every example appears exactly
/// once per epoch; the last batch may be smaller than the batch size.
/// <para>With length grouping (the default): shuffle all examples, cut into chunks of
/// <c>ChunkBatches * batchSize</c>, sort each chunk by length (longest first, stable), cut into batches and shuffle the
/// batches with the same generator.</para>
/// </summary>
public sealed class BatchPlan
{
    private readonly IReadOnlyList<TokenizedExample> _examples;
    private readonly int _padTokenId;
    private (int Epoch, int[][] Order)? _cached;

    public BatchPlan(
        IReadOnlyList<TokenizedExample> examples, int batchSize, long seed, int padTokenId, BatchPlanOptions? options = null)
    {
        if (examples.Count == 0) throw new ArgumentException("cannot batch an empty dataset", nameof(examples));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(batchSize);
        Options = options ?? new BatchPlanOptions();
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(Options.ChunkBatches, "options.ChunkBatches");
        _examples = examples;
        _padTokenId = padTokenId;
        BatchSize = batchSize;
        Seed = seed;
        BatchesPerEpoch = (examples.Count + batchSize - 1) / batchSize;
    }

    public int BatchSize { get; }

    public long Seed { get; }

    public BatchPlanOptions Options { get; }

    public int BatchesPerEpoch { get; }

    /// <summary>Indices into the examples, one array per batch, in the order the epoch trains them.</summary>
    public IReadOnlyList<int[]> EpochOrder(int epoch)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(epoch);
        if (_cached is { } c && c.Epoch == epoch) return c.Order;

        var rng = SplitMix64.ForEpoch(Seed, epoch);
        var permutation = Enumerable.Range(0, _examples.Count).ToArray();
        rng.Shuffle(permutation);
        int[][] batches;
        if (!Options.GroupByLength)
        {
            batches = [.. permutation.Chunk(BatchSize)];
        }
        else
        {
            batches = [.. permutation
                .Chunk(Options.ChunkBatches * BatchSize)
                .SelectMany(chunk => chunk.OrderByDescending(i => _examples[i].Length).Chunk(BatchSize))];
            rng.Shuffle(batches);
        }

        _cached = (epoch, batches);
        return batches;
    }

    /// <summary>The batches of <c>from.Epoch</c> from <c>from.BatchIndex</c> to the epoch's end.</summary>
    public IEnumerable<Batch> Batches(DataPosition from)
    {
        Validate(from);
        return Enumerate(from);
    }

    /// <summary>All remaining batches from <paramref name="from"/> through the last batch of epoch <c>epochs - 1</c>.</summary>
    public IEnumerable<Batch> BatchesUntil(DataPosition from, int epochs)
    {
        Validate(from);
        return EnumerateUntil(from, epochs);
    }

    private IEnumerable<Batch> EnumerateUntil(DataPosition from, int epochs)
    {
        for (var epoch = from.Epoch; epoch < epochs; epoch++)
        {
            foreach (var batch in Enumerate(epoch == from.Epoch ? from : new DataPosition(epoch, 0))) yield return batch;
        }
    }

    /// <summary>The batch at one position.</summary>
    public Batch BatchAt(DataPosition position)
    {
        Validate(position);
        if (position.BatchIndex == BatchesPerEpoch)
        {
            throw new ArgumentOutOfRangeException(nameof(position), position, "the epoch has no batch at this index");
        }

        return Collate(position, EpochOrder(position.Epoch)[position.BatchIndex]);
    }

    /// <summary>Padding over one epoch, computed from lengths without building the batches.</summary>
    public PaddingStatistics Padding(int epoch)
    {
        long real = 0, padded = 0;
        var order = EpochOrder(epoch);
        foreach (var batch in order)
        {
            var longest = 0;
            foreach (var i in batch)
            {
                real += _examples[i].Length;
                longest = Math.Max(longest, _examples[i].Length);
            }

            padded += (long)longest * batch.Length;
        }

        return new PaddingStatistics(order.Count, real, padded);
    }

    private IEnumerable<Batch> Enumerate(DataPosition from)
    {
        var order = EpochOrder(from.Epoch);
        for (var b = from.BatchIndex; b < order.Count; b++) yield return Collate(new DataPosition(from.Epoch, b), order[b]);
    }

    private Batch Collate(DataPosition position, int[] indices) =>
        Batch.Collate(position, [.. indices.Select(i => _examples[i])], _padTokenId);

    private void Validate(DataPosition position)
    {
        if (position.Epoch < 0 || position.BatchIndex < 0 || position.BatchIndex > BatchesPerEpoch)
        {
            throw new ArgumentOutOfRangeException(
                nameof(position), position,
                $"data position ({position}) is outside this plan: {BatchesPerEpoch} batches per epoch " +
                $"({_examples.Count} examples, batch size {BatchSize}); was the checkpoint made with other data?");
        }
    }
}
