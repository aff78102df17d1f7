namespace ForgetCloud.Contracts.Configuration;

/// <summary>
/// A parsed YAML or JSON document, reduced to what binding needs: mappings (keys in file order), sequences and
/// scalars, each with its 1-based position. YAML and JSON both parse into this, so one binder validates both.
/// </summary>
internal abstract record ConfigNode(int? Line, int? Column);

internal sealed record MappingNode(IReadOnlyList<MappingEntry> Entries, int? Line, int? Column) : ConfigNode(Line, Column);

internal sealed record MappingEntry(string Key, ConfigNode Value, int? Line, int? Column);

internal sealed record SequenceNode(IReadOnlyList<ConfigNode> Items, int? Line, int? Column) : ConfigNode(Line, Column);

/// <summary>
/// A scalar. <see cref="Quoted"/> marks a string the author quoted (YAML) or a JSON string: such a value is never
/// read as a number, boolean or null. <see cref="Text"/> is null for null (YAML <c>null</c>, <c>~</c>, empty; JSON null).
/// </summary>
internal sealed record ScalarNode(string? Text, bool Quoted, int? Line, int? Column) : ConfigNode(Line, Column)
{
    public static ScalarNode Null { get; } = new(null, false, null, null);
    public static ScalarNode Plain(string text) => new(text, false, null, null);
    public static ScalarNode String(string text) => new(text, true, null, null);
}
