namespace ForgetCloud.Learning.Data;

/// <summary>
/// Where a stage is in its data: the next batch to train is batch <paramref name="BatchIndex"/> (0-based) of epoch
/// <paramref name="Epoch"/> (0-based). A checkpoint stores the position after its last trained batch.
/// </summary>
public readonly record struct DataPosition(int Epoch, int BatchIndex)
{
    public static DataPosition Start => new(0, 0);

    /// <summary>The position after this one's batch; rolls into the next epoch after the last batch.</summary>
    public DataPosition Next(int batchesPerEpoch) =>
        BatchIndex + 1 >= batchesPerEpoch ? new DataPosition(Epoch + 1, 0) : this with { BatchIndex = BatchIndex + 1 };

    public override string ToString() => $"epoch {Epoch}, batch {BatchIndex}";
}
