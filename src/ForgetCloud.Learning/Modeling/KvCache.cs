using static TorchSharp.torch;

namespace ForgetCloud.Learning.Modeling;

/// <summary>
/// Keys and values of every layer for the positions decoded so far, for incremental (inference-only) decoding.
/// Buffers are preallocated to a capacity and doubled when exceeded, so a step copies only the new positions.
/// Slot i of every sequence in the batch holds the i-th token fed to the model (padding included); the caller's
/// attention mask says which slots are real.
/// </summary>
public sealed class KvCache : IDisposable
{
    private readonly Tensor?[] _keys;
    private readonly Tensor?[] _values;
    private long _capacity;

    public KvCache(int numLayers, long initialCapacity = 256)
    {
        if (initialCapacity <= 0) throw new ArgumentOutOfRangeException(nameof(initialCapacity), "capacity must be positive");
        _keys = new Tensor?[numLayers];
        _values = new Tensor?[numLayers];
        _capacity = initialCapacity;
    }

    /// <summary>Number of positions (slots) already stored.</summary>
    public long Length { get; private set; }

    /// <summary>Stores k/v [B, H_kv, T, D] for one layer at slots [Length, Length + T) and returns views over all
    /// stored slots [B, H_kv, Length + T, D].</summary>
    public (Tensor Keys, Tensor Values) Append(int layer, Tensor keys, Tensor values)
    {
        var needed = Length + keys.shape[2];
        if (_keys[layer] is null || _keys[layer]!.shape[2] < needed)
        {
            while (_capacity < needed) _capacity *= 2;
            _keys[layer] = Grow(_keys[layer], keys);
            _values[layer] = Grow(_values[layer], values);
        }
        var k = _keys[layer]!;
        var v = _values[layer]!;
        if (k.shape[0] != keys.shape[0] || k.dtype != keys.dtype)
            throw new InvalidOperationException($"KV cache holds batch {k.shape[0]} {k.dtype}, got batch {keys.shape[0]} {keys.dtype}");
        using (no_grad())
        {
            using var kSlot = k.narrow(2, Length, keys.shape[2]);
            using var vSlot = v.narrow(2, Length, values.shape[2]);
            kSlot.copy_(keys);
            vSlot.copy_(values);
        }
        return (k.narrow(2, 0, needed), v.narrow(2, 0, needed));
    }

    /// <summary>
    /// Keeps only the sequences at <paramref name="rows"/> (int64 indices into the batch, in their new order) in every
    /// layer, so a generator can drop finished sequences and stop paying for them.
    /// </summary>
    public void KeepRows(Tensor rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        using var noGrad = no_grad();
        for (var layer = 0; layer < _keys.Length; layer++)
        {
            _keys[layer] = Select(_keys[layer], rows);
            _values[layer] = Select(_values[layer], rows);
        }
    }

    private static Tensor? Select(Tensor? buffer, Tensor rows)
    {
        if (buffer is null) return null;
        var kept = buffer.index_select(0, rows).DetachFromDisposeScope();
        buffer.Dispose();
        return kept;
    }

    /// <summary>Marks <paramref name="count"/> more slots as stored (the model calls this after all layers ran).</summary>
    public void Advance(long count) => Length += count;

    private Tensor Grow(Tensor? old, Tensor like)
    {
        var buffer = zeros([like.shape[0], like.shape[1], _capacity, like.shape[3]], like.dtype, like.device).DetachFromDisposeScope();
        if (old is not null)
        {
            using (no_grad())
            using (var slot = buffer.narrow(2, 0, Length))
            using (var used = old.narrow(2, 0, Length))
                slot.copy_(used);
            old.Dispose();
        }
        return buffer;
    }

    public void Dispose()
    {
        foreach (var t in _keys.Concat(_values)) t?.Dispose();
        Array.Clear(_keys);
        Array.Clear(_values);
    }
}
