using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace ForgetCloud.Contracts.Configuration;

/// <summary>
/// YAML text -> <see cref="ConfigNode"/>, from YamlDotNet's event stream (not its object deserializer) so that every
/// node keeps its position and quoted scalars stay strings. Anchors and aliases are supported; one document only.
/// </summary>
internal static partial class YamlConfigParser
{
    private const string StrTag = "tag:yaml.org,2002:str";

    public static ConfigNode? Parse(string text)
    {
        if (text.Length > ConfigLimits.MaxDocumentChars)
            throw new ConfigSyntaxException(ConfigLimits.SizeMessage(text.Length), null, null);
        var parser = new Parser(new StringReader(text));
        var anchors = new Dictionary<string, ConfigNode>(StringComparer.Ordinal);
        var last = new Position();
        try
        {
            parser.Consume<StreamStart>();
            if (parser.TryConsume<StreamEnd>(out _)) return null; // empty text
            parser.Consume<DocumentStart>();
            var root = ReadNode(parser, anchors, last, depth: 0);
            parser.Consume<DocumentEnd>();
            if (parser.Accept<DocumentStart>(out var second))
            {
                throw new ConfigSyntaxException(
                    "a config holds one YAML document; a second one starts here", Line(second.Start), Column(second.Start));
            }
            parser.Consume<StreamEnd>();
            return root is ScalarNode { Text: null } ? null : root;
        }
        catch (YamlException ex)
        {
            throw new ConfigSyntaxException("YAML syntax error: " + StripPosition(ex.Message), Line(ex.Start), Column(ex.Start));
        }
        catch (InvalidOperationException)
        {
            // YamlDotNet's scanner throws this, without a position, on some unterminated flow collections.
            throw new ConfigSyntaxException(
                "YAML syntax error: malformed after this point (an unclosed '[', '{' or quote?)", last.Line, last.Column);
        }
    }

    /// <summary>The start of the last event read, for errors the parser reports without one.</summary>
    private sealed class Position
    {
        public int? Line;
        public int? Column;
    }

    /// <summary>
    /// One node and everything inside it. Recursive, but <paramref name="depth"/> (the collections around this node)
    /// is bounded by <see cref="ConfigLimits.MaxDepth"/>, so the stack is too whatever the text.
    /// </summary>
    private static ConfigNode ReadNode(IParser parser, Dictionary<string, ConfigNode> anchors, Position last, int depth)
    {
        if (parser.Current is { } current)
            (last.Line, last.Column) = (Line(current.Start), Column(current.Start));
        if (parser.TryConsume<AnchorAlias>(out var alias))
        {
            return anchors.TryGetValue(alias.Value.Value, out var target)
                ? target
                : throw new ConfigSyntaxException($"unknown alias *{alias.Value}", Line(alias.Start), Column(alias.Start));
        }

        ConfigNode node;
        AnchorName anchor;
        if (parser.TryConsume<Scalar>(out var scalar))
        {
            anchor = scalar.Anchor;
            RejectTag(scalar.Tag, scalar.Start, allowStr: true);
            var quoted = scalar.Style is not ScalarStyle.Plain || (!scalar.Tag.IsEmpty && scalar.Tag.Value == StrTag);
            var text = !quoted && IsNull(scalar.Value) ? null : scalar.Value;
            node = new ScalarNode(text, quoted, Line(scalar.Start), Column(scalar.Start));
        }
        else if (parser.TryConsume<SequenceStart>(out var seq))
        {
            RejectDepth(depth, seq.Start);
            anchor = seq.Anchor;
            RejectTag(seq.Tag, seq.Start, allowStr: false);
            var items = new List<ConfigNode>();
            while (!parser.TryConsume<SequenceEnd>(out _)) items.Add(ReadNode(parser, anchors, last, depth + 1));
            node = new SequenceNode(items, Line(seq.Start), Column(seq.Start));
        }
        else if (parser.TryConsume<MappingStart>(out var map))
        {
            RejectDepth(depth, map.Start);
            anchor = map.Anchor;
            RejectTag(map.Tag, map.Start, allowStr: false);
            var entries = new List<MappingEntry>();
            while (!parser.TryConsume<MappingEnd>(out _))
            {
                var key = ReadNode(parser, anchors, last, depth + 1);
                if (key is not ScalarNode { Text: { } keyText })
                    throw new ConfigSyntaxException("mapping keys must be plain strings", key.Line, key.Column);
                entries.Add(new MappingEntry(keyText, ReadNode(parser, anchors, last, depth + 1), key.Line, key.Column));
            }
            node = new MappingNode(entries, Line(map.Start), Column(map.Start));
        }
        else
        {
            var unexpected = parser.Current;
            throw new ConfigSyntaxException($"unexpected YAML event {unexpected?.GetType().Name}", Line(unexpected?.Start), Column(unexpected?.Start));
        }

        if (!anchor.IsEmpty) anchors[anchor.Value] = node;
        return node;
    }

    private static void RejectDepth(int depth, Mark start)
    {
        if (depth >= ConfigLimits.MaxDepth)
            throw new ConfigSyntaxException(ConfigLimits.DepthMessage("YAML"), Line(start), Column(start));
    }

    // Tags would change how a value reads (e.g. !!binary, custom types); only !!str has a meaning here.
    private static void RejectTag(TagName tag, Mark start, bool allowStr)
    {
        if (tag.IsEmpty || tag.IsNonSpecific || (allowStr && tag.Value == StrTag)) return;
        throw new ConfigSyntaxException($"YAML tag {tag.Value} is not supported (only !!str)", Line(start), Column(start));
    }

    private static bool IsNull(string value) => value is "" or "~" or "null" or "Null" or "NULL";

    private static int? Line(Mark? mark) => mark is null || mark.Value.Line <= 0 ? null : (int)mark.Value.Line;

    private static int? Column(Mark? mark) => mark is null || mark.Value.Column <= 0 ? null : (int)mark.Value.Column;

    // YamlDotNet prefixes "(Line: l, Col: c, Idx: i) - (Line: ...): "; the position is reported separately.
    private static string StripPosition(string message) => PositionPrefix().Replace(message, "");

    [GeneratedRegex(@"^\(Line: \d+, Col: \d+, Idx: \d+\) - \(Line: \d+, Col: \d+, Idx: \d+\): ")]
    private static partial Regex PositionPrefix();
}
