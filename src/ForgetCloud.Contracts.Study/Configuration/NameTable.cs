namespace ForgetCloud.Contracts.Configuration;

/// <summary>A two-way table between enum values and their exact config spellings.</summary>
internal sealed class NameTable<T> where T : struct, Enum
{
    private readonly (T Value, string Name)[] _entries;

    public NameTable(params (T Value, string Name)[] entries)
    {
        _entries = entries;
        if (entries.Length != Enum.GetValues<T>().Length)
            throw new InvalidOperationException($"NameTable<{typeof(T).Name}> does not name every value.");
    }

    /// <summary>The spellings in declaration order, for "allowed: ..." messages.</summary>
    public IReadOnlyList<string> Names => _entries.Select(e => e.Name).ToArray();

    public string Name(T value)
    {
        foreach (var (v, n) in _entries)
            if (EqualityComparer<T>.Default.Equals(v, value)) return n;
        throw new ArgumentOutOfRangeException(nameof(value), value, $"not a defined {typeof(T).Name}");
    }

    // Exact, case-sensitive: a config that says "AdamW" is told the spelling rather than silently accepted.
    public bool TryParse(string text, out T value)
    {
        foreach (var (v, n) in _entries)
        {
            if (n == text) { value = v; return true; }
        }
        value = default;
        return false;
    }
}
