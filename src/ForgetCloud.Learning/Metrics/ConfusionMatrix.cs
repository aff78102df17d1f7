namespace ForgetCloud.Learning.Metrics;

/// <summary>
/// Counts of (gold label, predicted label). Rows are gold labels in <see cref="Labels"/> order; columns are the
/// same labels followed by one last column for items whose prediction is none of the labels (no answer extracted).
/// </summary>
public sealed class ConfusionMatrix
{
    private readonly int[,] _counts;

    internal ConfusionMatrix(IReadOnlyList<string> labels, int[,] counts)
    {
        Labels = labels;
        _counts = counts;
    }

    /// <summary>The labels, in row (and column) order.</summary>
    public IReadOnlyList<string> Labels { get; }

    /// <summary>Index of the "no valid prediction" column: <c>Labels.Count</c>.</summary>
    public int NoPredictionColumn => Labels.Count;

    /// <summary>Items with gold label <paramref name="goldRow"/> predicted as column <paramref name="predictedColumn"/>
    /// (a label index, or <see cref="NoPredictionColumn"/>).</summary>
    public int this[int goldRow, int predictedColumn] => _counts[goldRow, predictedColumn];

    /// <summary>The counts as a jagged array (rows gold, columns predicted + no-prediction), for serialization.</summary>
    public int[][] ToRows()
    {
        var rows = new int[Labels.Count][];
        for (var r = 0; r < Labels.Count; r++)
        {
            rows[r] = new int[Labels.Count + 1];
            for (var c = 0; c <= Labels.Count; c++)
            {
                rows[r][c] = _counts[r, c];
            }
        }

        return rows;
    }
}
