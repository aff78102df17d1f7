using System.Buffers.Binary;
using System.Text;

namespace ForgetCloud.Learning.Tests.Training;

/// <summary>
/// A minimal independent reader of TensorBoard event files: TFRecord framing (u64 length, u32 masked CRC, data,
/// u32 masked CRC; the CRC32C is checked) and the few protobuf fields of Event (step = 2, summary = 5) and
/// Summary.Value (tag = 1, simple_value = 2).
/// </summary>
internal static class TensorBoardEventReader
{
    public sealed record Scalar(string Tag, long Step, float Value);

    public static List<Scalar> ReadScalars(string file)
    {
        var bytes = File.ReadAllBytes(file);
        var scalars = new List<Scalar>();
        var offset = 0;
        while (offset < bytes.Length)
        {
            var length = checked((int)BinaryPrimitives.ReadUInt64LittleEndian(bytes.AsSpan(offset, 8)));
            Assert.Equal(MaskedCrc(bytes.AsSpan(offset, 8)), BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(offset + 8, 4)));
            var data = bytes.AsSpan(offset + 12, length);
            Assert.Equal(MaskedCrc(data), BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(offset + 12 + length, 4)));
            ReadEvent(data, scalars);
            offset += 12 + length + 4;
        }

        return scalars;
    }

    private static void ReadEvent(ReadOnlySpan<byte> data, List<Scalar> scalars)
    {
        long step = 0;
        var values = new List<(string Tag, float Value)>();
        foreach (var (field, wire, value, payload) in Fields(data.ToArray()))
        {
            if (field == 2 && wire == 0) step = (long)value;
            if (field == 5 && wire == 2)
            {
                foreach (var (f, w, _, valuePayload) in Fields(payload!))
                {
                    if (f != 1 || w != 2) continue;
                    string? tag = null;
                    float? simple = null;
                    foreach (var (vf, vw, vv, vp) in Fields(valuePayload!))
                    {
                        if (vf == 1 && vw == 2) tag = Encoding.UTF8.GetString(vp!);
                        if (vf == 2 && vw == 5) simple = BitConverter.Int32BitsToSingle((int)vv);
                    }

                    if (tag is not null && simple is { } s) values.Add((tag, s));
                }
            }
        }

        scalars.AddRange(values.Select(v => new Scalar(v.Tag, step, v.Value)));
    }

    private static IEnumerable<(int Field, int Wire, ulong Value, byte[]? Payload)> Fields(byte[] data)
    {
        var i = 0;
        while (i < data.Length)
        {
            var key = Varint(data, ref i);
            var (field, wire) = ((int)(key >> 3), (int)(key & 7));
            switch (wire)
            {
                case 0: yield return (field, wire, Varint(data, ref i), null); break;
                case 1: yield return (field, wire, BinaryPrimitives.ReadUInt64LittleEndian(data.AsSpan(i, 8)), null); i += 8; break;
                case 5: yield return (field, wire, BinaryPrimitives.ReadUInt32LittleEndian(data.AsSpan(i, 4)), null); i += 4; break;
                case 2:
                    var length = (int)Varint(data, ref i);
                    yield return (field, wire, 0, data.AsSpan(i, length).ToArray());
                    i += length;
                    break;
                default: throw new InvalidDataException($"protobuf wire type {wire} not expected in an event");
            }
        }
    }

    private static ulong Varint(byte[] data, ref int i)
    {
        ulong result = 0;
        for (var shift = 0; ; shift += 7)
        {
            var b = data[i++];
            result |= (ulong)(b & 0x7F) << shift;
            if (b < 0x80) return result;
        }
    }

    private static uint MaskedCrc(ReadOnlySpan<byte> data)
    {
        var crc = Crc32C(data);
        return ((crc >> 15) | (crc << 17)) + 0xa282ead8u;
    }

    private static uint Crc32C(ReadOnlySpan<byte> data)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in data)
        {
            crc ^= b;
            for (var k = 0; k < 8; k++) crc = (crc & 1) != 0 ? (crc >> 1) ^ 0x82F63B78u : crc >> 1;
        }

        return ~crc;
    }
}
