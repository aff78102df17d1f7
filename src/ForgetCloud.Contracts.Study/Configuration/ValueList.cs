using System.Collections;

namespace ForgetCloud.Contracts.Configuration;

/// <summary>
/// An immutable list compared by its elements, so that config records (which hold lists) have value equality:
/// a config loaded, saved and loaded again equals the first.
/// </summary>
public sealed class ValueList<T> : IReadOnlyList<T>, IEquatable<ValueList<T>>
{
    private readonly T[] _items;

    /// <summary>Copies the items.</summary>
    public ValueList(IEnumerable<T> items) => _items = items.ToArray();

    /// <inheritdoc />
    public T this[int index] => _items[index];

    /// <inheritdoc />
    public int Count => _items.Length;

    /// <inheritdoc />
    public IEnumerator<T> GetEnumerator() => ((IEnumerable<T>)_items).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => _items.GetEnumerator();

    /// <inheritdoc />
    public bool Equals(ValueList<T>? other) => other is not null && _items.SequenceEqual(other._items);

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as ValueList<T>);

    /// <inheritdoc />
    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (var item in _items) hash.Add(item);
        return hash.ToHashCode();
    }

    /// <summary>The items, comma separated.</summary>
    public override string ToString() => string.Join(", ", _items);

    /// <summary>Wraps an array (copied).</summary>
    public static implicit operator ValueList<T>(T[] items) => new(items);
}
