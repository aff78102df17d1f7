namespace ForgetCloud.Contracts.Configuration;

/// <summary>
/// Bounds on a config document, enforced by the YAML and JSON parsers before any binding: a document larger or
/// deeper than these is refused with an error naming the limit, so that no text (a request body, say) can exhaust
/// the stack or the memory of the process that reads it. A real config is a few KB and 3 or 4 levels deep.
/// </summary>
public static class ConfigLimits
{
    /// <summary>Mappings and lists nested inside one another, the document's top level counting as 1.</summary>
    public const int MaxDepth = 64;

    /// <summary>Characters in one config document (1 MiB).</summary>
    public const int MaxDocumentChars = 1 << 20;

    internal static string DepthMessage(string format) =>
        $"{format} nesting is deeper than the limit of {MaxDepth} levels (mappings and lists inside one another)";

    internal static string SizeMessage(int length) =>
        $"the config is {length} characters, more than the limit of {MaxDocumentChars}";
}
