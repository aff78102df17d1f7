namespace ForgetCloud.Learning.Optimization;

/// <summary>Which update rule an optimizer applies to a named parameter (reported for logging).</summary>
public sealed record ParameterAssignment(string Name, IReadOnlyList<long> Shape, OptimizerUpdateRule Rule)
{
    public long ElementCount => Shape.Aggregate(1L, (product, size) => product * size);

    public override string ToString() => $"{Name} [{string.Join('x', Shape)}] -> {Rule}";
}
