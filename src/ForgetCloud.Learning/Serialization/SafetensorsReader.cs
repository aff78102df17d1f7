using System.Buffers;
using System.Text;
using System.Text.Json;
using Microsoft.Win32.SafeHandles;
using static TorchSharp.torch;

namespace ForgetCloud.Learning.Serialization;

/// <summary>
/// Reads a .safetensors file: 8-byte little-endian header length, a JSON header, then raw little-endian data.
/// Tensors are streamed from the file in bounded chunks straight into tensor memory, so a multi-GB file is
/// never copied whole into managed memory.
/// </summary>
public sealed class SafetensorsReader : IDisposable
{
    private const int ChunkBytes = 64 << 20;
    private readonly SafeFileHandle _file;
    private readonly long _dataStart;
    private readonly Dictionary<string, SafetensorsTensorInfo> _tensors;

    public string Path { get; }
    public IReadOnlyDictionary<string, string> Metadata { get; }
    public IReadOnlyCollection<SafetensorsTensorInfo> Tensors => _tensors.Values;

    private SafetensorsReader(string path, SafeFileHandle file, long dataStart,
        Dictionary<string, SafetensorsTensorInfo> tensors, IReadOnlyDictionary<string, string> metadata)
    {
        Path = path;
        _file = file;
        _dataStart = dataStart;
        _tensors = tensors;
        Metadata = metadata;
    }

    public static SafetensorsReader Open(string path)
    {
        if (!BitConverter.IsLittleEndian)
            throw new PlatformNotSupportedException("safetensors data is little-endian; this host is not");
        var file = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.Read);
        try
        {
            var fileLength = RandomAccess.GetLength(file);
            Span<byte> lengthBytes = stackalloc byte[8];
            if (fileLength < 8 || RandomAccess.Read(file, lengthBytes, 0) != 8)
                throw new InvalidDataException($"{path}: not a safetensors file (shorter than its 8-byte header length)");
            var headerLength = BitConverter.ToInt64(lengthBytes);
            if (headerLength <= 0 || headerLength > 100_000_000 || 8 + headerLength > fileLength)
                throw new InvalidDataException($"{path}: invalid safetensors header length {headerLength} (file is {fileLength} bytes)");
            var header = new byte[headerLength];
            if (RandomAccess.Read(file, header, 8) != headerLength)
                throw new InvalidDataException($"{path}: truncated safetensors header");
            var (tensors, metadata) = ParseHeader(path, header, fileLength - 8 - headerLength);
            return new SafetensorsReader(path, file, 8 + headerLength, tensors, metadata);
        }
        catch
        {
            file.Dispose();
            throw;
        }
    }

    public bool Contains(string name) => _tensors.ContainsKey(name);

    public SafetensorsTensorInfo Info(string name) =>
        _tensors.TryGetValue(name, out var info) ? info : throw new KeyNotFoundException($"{Path}: no tensor named '{name}'");

    /// <summary>Reads a tensor in its stored dtype, or converted to <paramref name="dtype"/>.</summary>
    public Tensor Read(string name, ScalarType? dtype = null)
    {
        var info = Info(name);
        var stored = SafetensorsDType.ToScalarType(info.DType);
        var raw = empty(info.Shape, stored);
        try
        {
            ReadInto(raw, info);
            if (dtype is null || dtype == stored) return raw;
            var converted = raw.to_type(dtype.Value);
            raw.Dispose();
            return converted;
        }
        catch
        {
            raw.Dispose();
            throw;
        }
    }

    /// <summary>Reads a tensor into <paramref name="destination"/> (same shape): straight from the file into its memory
    /// when it is a contiguous CPU tensor of the stored dtype, so loading a base never holds a second copy of its
    /// largest tensor; otherwise through a converted copy.</summary>
    public void ReadInto(string name, Tensor destination)
    {
        ArgumentNullException.ThrowIfNull(destination);
        var info = Info(name);
        if (!info.Shape.SequenceEqual(destination.shape))
            throw new ArgumentException($"{Path}: tensor '{name}' is [{string.Join(", ", info.Shape)}], the destination [{string.Join(", ", destination.shape)}]");
        if (destination.device_type == TorchSharp.DeviceType.CPU && destination.is_contiguous() && destination.dtype == SafetensorsDType.ToScalarType(info.DType))
        {
            using var noGrad = no_grad();
            using var detached = destination.detach();
            ReadInto(detached, info);
            return;
        }
        using var value = Read(name, destination.dtype);
        using (no_grad()) destination.copy_(value);
    }

    private void ReadInto(Tensor destination, SafetensorsTensorInfo info)
    {
        var elementSize = SafetensorsDType.ElementSize(info.DType);
        var count = info.ElementCount;
        if (count == 0) return;
        using var flat = destination.view(-1);
        var chunkElements = (int)Math.Min(ChunkBytes / elementSize, count);
        var buffer = ArrayPool<byte>.Shared.Rent(chunkElements * elementSize);
        try
        {
            for (long done = 0; done < count;)
            {
                var n = (int)Math.Min(chunkElements, count - done);
                var span = buffer.AsSpan(0, n * elementSize);
                var fileOffset = _dataStart + info.Begin + done * elementSize;
                for (var filled = 0; filled < span.Length;)
                {
                    var read = RandomAccess.Read(_file, span[filled..], fileOffset + filled);
                    if (read <= 0) throw new InvalidDataException($"{Path}: tensor '{info.Name}' is truncated");
                    filled += read;
                }
                using var slice = flat.narrow(0, done, n);
                slice.bytes = span;
                done += n;
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static (Dictionary<string, SafetensorsTensorInfo>, IReadOnlyDictionary<string, string>) ParseHeader(
        string path, byte[] header, long dataLength)
    {
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(Encoding.UTF8.GetString(header).TrimEnd(' ', '\0'));
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{path}: safetensors header is not valid JSON: {e.Message}", e);
        }
        using (doc)
        {
            if (doc.RootElement.ValueKind != JsonValueKind.Object)
                throw new InvalidDataException($"{path}: safetensors header must be a JSON object");
            var tensors = new Dictionary<string, SafetensorsTensorInfo>(StringComparer.Ordinal);
            var metadata = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var entry in doc.RootElement.EnumerateObject())
            {
                if (entry.Name == "__metadata__")
                {
                    foreach (var m in entry.Value.EnumerateObject()) metadata[m.Name] = m.Value.ToString();
                    continue;
                }
                tensors[entry.Name] = ParseEntry(path, entry, dataLength);
            }
            return (tensors, metadata);
        }
    }

    private static SafetensorsTensorInfo ParseEntry(string path, JsonProperty entry, long dataLength)
    {
        try
        {
            var dtype = entry.Value.GetProperty("dtype").GetString()!;
            var shape = entry.Value.GetProperty("shape").EnumerateArray().Select(d => d.GetInt64()).ToArray();
            var offsets = entry.Value.GetProperty("data_offsets").EnumerateArray().Select(d => d.GetInt64()).ToArray();
            if (offsets.Length != 2) throw new InvalidDataException("data_offsets must hold two numbers");
            var info = new SafetensorsTensorInfo(entry.Name, dtype, shape, offsets[0], offsets[1]);
            var expected = info.ElementCount * SafetensorsDType.ElementSize(dtype);
            if (shape.Any(d => d < 0) || info.Begin < 0 || info.End < info.Begin || info.End > dataLength)
                throw new InvalidDataException($"offsets [{info.Begin}, {info.End}] lie outside the {dataLength}-byte data section");
            if (info.End - info.Begin != expected)
                throw new InvalidDataException($"{info.End - info.Begin} bytes for shape [{string.Join(", ", shape)}] of {dtype} (expected {expected})");
            return info;
        }
        catch (Exception e) when (e is KeyNotFoundException or InvalidOperationException or FormatException or InvalidDataException or NotSupportedException)
        {
            throw new InvalidDataException($"{path}: bad header entry for tensor '{entry.Name}': {e.Message}", e);
        }
    }

    public void Dispose() => _file.Dispose();
}
