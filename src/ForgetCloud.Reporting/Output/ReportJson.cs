using System.Text.Json;
using System.Text.Json.Serialization;

namespace ForgetCloud.Reporting.Output;

/// <summary>
/// The JSON settings of every report file: snake_case property names (the original framework's style), enums as snake_case
/// strings, indented. Non-finite numbers are not representable and make serialization throw: a NaN in a result is
/// a bug to surface, not a value to write.
/// </summary>
public static class ReportJson
{
    public static JsonSerializerOptions Options { get; } = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
    };

    public static string Serialize<T>(T value) => JsonSerializer.Serialize(value, Options);

    /// <summary>Reads a report file.</summary>
    /// <exception cref="InvalidDataException">The file is not valid JSON of <typeparamref name="T"/>; names the file.</exception>
    public static T Read<T>(string path)
    {
        try
        {
            return JsonSerializer.Deserialize<T>(File.ReadAllText(path), Options)
                ?? throw new InvalidDataException($"{path}: the file holds JSON null");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{path}: not a valid {typeof(T).Name} ({e.Message})", e);
        }
    }

    /// <summary>Writes atomically (temp file then rename), so a reader never sees half a file.</summary>
    public static void Write<T>(string path, T value)
    {
        var temp = path + ".tmp";
        File.WriteAllText(temp, Serialize(value));
        File.Move(temp, path, overwrite: true);
    }
}
