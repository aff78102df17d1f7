namespace ForgetCloud.Contracts.Configuration;

/// <summary><c>evaluation.max_examples</c>: per test set, evaluate the first N examples; null = the whole test set.</summary>
public sealed record EvalExampleLimits
{
    /// <summary><c>evaluation.max_examples.gsm8k</c>.</summary>
    public int? Gsm8k { get; init; }

    /// <summary><c>evaluation.max_examples.aqua_rat</c>.</summary>
    public int? AquaRat { get; init; }

    /// <summary>The limit for a dataset's test set.</summary>
    public int? For(DatasetKind dataset) => dataset switch
    {
        DatasetKind.Gsm8k => Gsm8k,
        DatasetKind.AquaRat => AquaRat,
        _ => throw new ArgumentOutOfRangeException(nameof(dataset), dataset, null),
    };
}
