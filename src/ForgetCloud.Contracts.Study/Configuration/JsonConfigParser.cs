using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace ForgetCloud.Contracts.Configuration;

/// <summary>
/// JSON text -> <see cref="ConfigNode"/> with positions, via <see cref="Utf8JsonReader"/> (comments allowed,
/// trailing commas not). JSON strings become quoted scalars; numbers, booleans and null plain ones.
/// </summary>
internal static partial class JsonConfigParser
{
    public static ConfigNode? Parse(string text)
    {
        if (text.Length > ConfigLimits.MaxDocumentChars)
            throw new ConfigSyntaxException(ConfigLimits.SizeMessage(text.Length), null, null);
        var bytes = Encoding.UTF8.GetBytes(text);
        var lineStarts = LineStarts(bytes);
        var reader = new Utf8JsonReader(bytes, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip, MaxDepth = ConfigLimits.MaxDepth + 1 });
        try
        {
            if (!reader.Read()) return null; // empty or only whitespace/comments
            var root = ReadValue(ref reader, bytes, lineStarts);
            if (reader.Read())
            {
                var (line, column) = Position(bytes, lineStarts, reader.TokenStartIndex);
                throw new ConfigSyntaxException("JSON syntax error: text after the end of the document", line, column);
            }
            return root is ScalarNode { Text: null } ? null : root;
        }
        catch (JsonException ex)
        {
            throw new ConfigSyntaxException(
                "JSON syntax error: " + StripPosition(ex.Message),
                ex.LineNumber is { } l ? (int)l + 1 : null,
                ex.BytePositionInLine is { } c ? (int)c + 1 : null);
        }
    }

    /// <summary>
    /// One value and everything inside it. Recursive, but the depth is checked here (and bounded by the reader's
    /// MaxDepth as a backstop), so the stack is bounded whatever the text.
    /// </summary>
    private static ConfigNode ReadValue(ref Utf8JsonReader reader, byte[] bytes, List<int> lineStarts)
    {
        var (line, column) = Position(bytes, lineStarts, reader.TokenStartIndex);
        if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray && reader.CurrentDepth >= ConfigLimits.MaxDepth)
            throw new ConfigSyntaxException(ConfigLimits.DepthMessage("JSON"), line, column);
        switch (reader.TokenType)
        {
            case JsonTokenType.StartObject:
            {
                var entries = new List<MappingEntry>();
                while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
                {
                    var (keyLine, keyColumn) = Position(bytes, lineStarts, reader.TokenStartIndex);
                    var key = reader.GetString()!;
                    reader.Read();
                    entries.Add(new MappingEntry(key, ReadValue(ref reader, bytes, lineStarts), keyLine, keyColumn));
                }
                return new MappingNode(entries, line, column);
            }
            case JsonTokenType.StartArray:
            {
                var items = new List<ConfigNode>();
                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                    items.Add(ReadValue(ref reader, bytes, lineStarts));
                return new SequenceNode(items, line, column);
            }
            case JsonTokenType.String:
                return new ScalarNode(reader.GetString(), true, line, column);
            case JsonTokenType.Number:
                return new ScalarNode(Encoding.UTF8.GetString(reader.ValueSpan), false, line, column);
            case JsonTokenType.True:
                return new ScalarNode("true", false, line, column);
            case JsonTokenType.False:
                return new ScalarNode("false", false, line, column);
            case JsonTokenType.Null:
                return new ScalarNode(null, false, line, column);
            default:
                throw new ConfigSyntaxException($"JSON syntax error: unexpected {reader.TokenType}", line, column);
        }
    }

    private static List<int> LineStarts(byte[] bytes)
    {
        var starts = new List<int> { 0 };
        for (var i = 0; i < bytes.Length; i++)
            if (bytes[i] == (byte)'\n') starts.Add(i + 1);
        return starts;
    }

    private static (int Line, int Column) Position(byte[] bytes, List<int> lineStarts, long offset)
    {
        var index = lineStarts.BinarySearch((int)offset);
        var line = index >= 0 ? index : ~index - 1;
        var column = Encoding.UTF8.GetCharCount(bytes, lineStarts[line], (int)offset - lineStarts[line]) + 1;
        return (line + 1, column);
    }

    // System.Text.Json appends " LineNumber: l | BytePositionInLine: c."; the position is reported separately.
    private static string StripPosition(string message) => PositionSuffix().Replace(message, "").TrimEnd();

    [GeneratedRegex(@"\s*(Path: \S*\s*\|\s*)?LineNumber: \d+ \| BytePositionInLine: \d+\.$")]
    private static partial Regex PositionSuffix();
}
