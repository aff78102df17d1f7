using static TorchSharp.torch;

namespace ForgetCloud.Learning.Serialization;

/// <summary>The dtype names of the safetensors header, and their torch equivalents.</summary>
public static class SafetensorsDType
{
    private static readonly (string Name, ScalarType Type, int Size)[] Table =
    [
        ("F64", ScalarType.Float64, 8), ("F32", ScalarType.Float32, 4), ("F16", ScalarType.Float16, 2),
        ("BF16", ScalarType.BFloat16, 2), ("I64", ScalarType.Int64, 8), ("I32", ScalarType.Int32, 4),
        ("I16", ScalarType.Int16, 2), ("I8", ScalarType.Int8, 1), ("U8", ScalarType.Byte, 1), ("BOOL", ScalarType.Bool, 1),
    ];

    public static ScalarType ToScalarType(string name) =>
        Table.FirstOrDefault(e => e.Name == name) is { Name: not null } e
            ? e.Type
            : throw new NotSupportedException($"safetensors dtype '{name}' is not supported (supported: {string.Join(", ", Table.Select(x => x.Name))})");

    public static string FromScalarType(ScalarType type) =>
        Table.FirstOrDefault(e => e.Type == type) is { Name: not null } e
            ? e.Name
            : throw new NotSupportedException($"tensor dtype {type} cannot be written to safetensors");

    public static int ElementSize(string name) =>
        Table.FirstOrDefault(e => e.Name == name) is { Name: not null } e
            ? e.Size
            : throw new NotSupportedException($"safetensors dtype '{name}' is not supported");
}
