using System.Text.Json;

namespace ForgetCloud.Learning.Data;

/// <summary>Line-by-line JSON object parsing with errors that name the file and line.</summary>
internal static class JsonLines
{
    /// <summary>
    /// Calls <paramref name="parse"/> with the 0-based line index and the object on that line. Blank lines are
    /// errors: they would shift every later id, which must stay the line index of the original file.
    /// </summary>
    public static List<T> Read<T>(TextReader reader, string sourceName, Func<int, JsonElement, T> parse)
    {
        var result = new List<T>();
        var index = 0;
        for (var line = reader.ReadLine(); line is not null; line = reader.ReadLine(), index++)
        {
            if (string.IsNullOrWhiteSpace(line)) throw new DataFormatException(sourceName, index + 1, "blank line");

            JsonDocument document;
            try
            {
                document = JsonDocument.Parse(line);
            }
            catch (JsonException e)
            {
                throw new DataFormatException(sourceName, index + 1, $"bad JSON: {e.Message}");
            }

            using (document)
            {
                if (document.RootElement.ValueKind != JsonValueKind.Object)
                {
                    throw new DataFormatException(
                        sourceName, index + 1, $"expected a JSON object, found {document.RootElement.ValueKind}");
                }

                try
                {
                    result.Add(parse(index, document.RootElement));
                }
                catch (FieldException e)
                {
                    throw new DataFormatException(sourceName, index + 1, e.Message);
                }
            }
        }

        return result;
    }

    public static string String(JsonElement obj, string field)
    {
        if (!obj.TryGetProperty(field, out var value)) throw new FieldException($"missing field '{field}'");
        if (value.ValueKind != JsonValueKind.String)
        {
            throw new FieldException($"field '{field}' must be a string, found {value.ValueKind}");
        }

        return value.GetString()!;
    }

    public static string NonEmptyString(JsonElement obj, string field)
    {
        var value = String(obj, field);
        if (string.IsNullOrWhiteSpace(value)) throw new FieldException($"field '{field}' is empty");
        return value;
    }

    public static string[] StringArray(JsonElement obj, string field)
    {
        if (!obj.TryGetProperty(field, out var value)) throw new FieldException($"missing field '{field}'");
        if (value.ValueKind != JsonValueKind.Array)
        {
            throw new FieldException($"field '{field}' must be an array of strings, found {value.ValueKind}");
        }

        var items = new string[value.GetArrayLength()];
        var i = 0;
        foreach (var item in value.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.String)
            {
                throw new FieldException($"field '{field}'[{i}] must be a string, found {item.ValueKind}");
            }

            items[i++] = item.GetString()!;
        }

        return items;
    }

    public static StreamReader OpenText(string path)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"dataset file not found: {path}", path);
        return new StreamReader(path, System.Text.Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
    }

    /// <summary>A problem inside one record; <see cref="Read{T}"/> adds the file and line.</summary>
    public sealed class FieldException(string message) : Exception(message);
}
