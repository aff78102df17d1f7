using System.Text;
using System.Text.Json;
using static TorchSharp.torch;

namespace ForgetCloud.Learning.Serialization;

/// <summary>Writes tensors to a .safetensors file, streaming each tensor's bytes (no whole-file buffer).</summary>
public static class SafetensorsWriter
{
    private const long ChunkElements = 16 << 20;

    /// <summary>Writes <paramref name="tensors"/> in the given order, each in its own dtype, to <paramref name="path"/>
    /// (through a temporary file, so a crash never leaves a half-written file under the final name).</summary>
    public static void Write(string path, IEnumerable<KeyValuePair<string, Tensor>> tensors,
        IReadOnlyDictionary<string, string>? metadata = null)
    {
        if (!BitConverter.IsLittleEndian)
            throw new PlatformNotSupportedException("safetensors data is little-endian; this host is not");
        var list = tensors.ToList();
        var duplicate = list.GroupBy(t => t.Key).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null) throw new ArgumentException($"tensor name '{duplicate.Key}' appears twice");

        var header = BuildHeader(list, metadata);
        var tmp = path + ".tmp";
        using (var stream = new FileStream(tmp, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 20))
        {
            stream.Write(BitConverter.GetBytes((long)header.Length));
            stream.Write(header);
            foreach (var (_, tensor) in list) WriteData(stream, tensor);
        }
        File.Move(tmp, path, overwrite: true);
    }

    private static byte[] BuildHeader(List<KeyValuePair<string, Tensor>> list, IReadOnlyDictionary<string, string>? metadata)
    {
        using var ms = new MemoryStream();
        using (var json = new Utf8JsonWriter(ms))
        {
            json.WriteStartObject();
            if (metadata is { Count: > 0 })
            {
                json.WriteStartObject("__metadata__");
                foreach (var (k, v) in metadata) json.WriteString(k, v);
                json.WriteEndObject();
            }
            long offset = 0;
            foreach (var (name, tensor) in list)
            {
                var dtype = SafetensorsDType.FromScalarType(tensor.dtype);
                var bytes = tensor.numel() * SafetensorsDType.ElementSize(dtype);
                json.WriteStartObject(name);
                json.WriteString("dtype", dtype);
                json.WriteStartArray("shape");
                foreach (var d in tensor.shape) json.WriteNumberValue(d);
                json.WriteEndArray();
                json.WriteStartArray("data_offsets");
                json.WriteNumberValue(offset);
                json.WriteNumberValue(offset + bytes);
                json.WriteEndArray();
                json.WriteEndObject();
                offset += bytes;
            }
            json.WriteEndObject();
        }
        // Pad with spaces to an 8-byte boundary so the data section is aligned, as the reference writer does.
        var text = Encoding.UTF8.GetString(ms.ToArray());
        return Encoding.UTF8.GetBytes(text.PadRight((text.Length + 7) / 8 * 8));
    }

    private static void WriteData(Stream stream, Tensor tensor)
    {
        using var scope = NewDisposeScope();
        var flat = tensor.detach().cpu().contiguous().view(-1);
        for (long start = 0; start < flat.numel(); start += ChunkElements)
        {
            var chunk = flat.narrow(0, start, Math.Min(ChunkElements, flat.numel() - start));
            stream.Write(chunk.bytes);
        }
    }
}
