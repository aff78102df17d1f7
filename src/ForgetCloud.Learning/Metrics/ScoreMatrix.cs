namespace ForgetCloud.Learning.Metrics;

/// <summary>
/// R[i][j]: the score on task j (<see cref="StudyTask"/>) of the model after stage i (<see cref="StudyStage"/>,
/// row 0 = base), for one metric with a known direction (accuracy: higher is better; NLL: lower is better).
/// </summary>
public sealed class ScoreMatrix
{
    /// <summary>Number of rows: base, after stage 1, after stage 2.</summary>
    public const int StageCount = 3;

    /// <summary>Number of columns: GSM8K, AQUA-RAT.</summary>
    public const int TaskCount = 2;

    private readonly double[,] _values;

    /// <summary>Creates the matrix from rows [base, after stage 1, after stage 2], each [GSM8K, AQUA-RAT].</summary>
    /// <exception cref="ArgumentException">Not 3 rows of 2 finite values, or an empty metric name.</exception>
    public ScoreMatrix(string metric, MetricDirection direction, IReadOnlyList<IReadOnlyList<double>> rows)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(metric);
        ArgumentNullException.ThrowIfNull(rows);
        if (rows.Count != StageCount)
        {
            throw new ArgumentException(
                $"Score matrix '{metric}' needs {StageCount} rows (base, after stage 1, after stage 2), got {rows.Count}",
                nameof(rows));
        }

        _values = new double[StageCount, TaskCount];
        for (var i = 0; i < StageCount; i++)
        {
            if (rows[i] is null || rows[i].Count != TaskCount)
            {
                throw new ArgumentException(
                    $"Score matrix '{metric}' row {i} needs {TaskCount} values (GSM8K, AQUA-RAT), got {rows[i]?.Count ?? 0}",
                    nameof(rows));
            }

            for (var j = 0; j < TaskCount; j++)
            {
                if (!double.IsFinite(rows[i][j]))
                {
                    throw new ArgumentException(
                        $"Score matrix '{metric}' R[{i}][{j}] is not finite: {rows[i][j]}", nameof(rows));
                }

                _values[i, j] = rows[i][j];
            }
        }

        Metric = metric;
        Direction = direction;
    }

    /// <summary>The metric's name (e.g. <c>accuracy</c>, <c>nll</c>).</summary>
    public string Metric { get; }

    /// <summary>Which way the metric improves.</summary>
    public MetricDirection Direction { get; }

    /// <summary>R[stage][task].</summary>
    public double this[StudyStage stage, StudyTask task] => _values[(int)stage, (int)task];

    /// <summary>The values as rows [stage][task], for serialization.</summary>
    public double[][] ToRows()
    {
        var rows = new double[StageCount][];
        for (var i = 0; i < StageCount; i++)
        {
            rows[i] = [_values[i, 0], _values[i, 1]];
        }

        return rows;
    }
}
