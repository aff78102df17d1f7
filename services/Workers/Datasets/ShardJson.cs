using System.Text.Json;
using System.Text.Json.Serialization;

namespace ForgetCloud.Workers.Datasets;

/// <summary>The JSON settings of dataset manifests and shard lines: snake_case, one object per line, strict on read.</summary>
public static class ShardJson
{
    public static JsonSerializerOptions Options { get; } = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        WriteIndented = false,
        RespectNullableAnnotations = true,
        RespectRequiredConstructorParameters = true,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    };

    public static JsonSerializerOptions Indented { get; } = new(Options) { WriteIndented = true };
}
