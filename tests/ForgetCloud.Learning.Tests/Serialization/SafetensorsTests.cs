using System.Text;
using ForgetCloud.Learning.Serialization;
using static TorchSharp.torch;

namespace ForgetCloud.Learning.Tests.Serialization;

public sealed class SafetensorsTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("st-").FullName;

    [Fact]
    public void WritesTheDocumentedLayoutWithKnownBitPatterns()
    {
        var path = Path.Combine(_dir, "a.safetensors");
        using var f32 = tensor(new float[] { 1, -2 });
        using var bf16 = tensor(new float[] { 1, -2 }).to_type(ScalarType.BFloat16);
        using var f16 = tensor(new float[] { 1, -2 }).to_type(ScalarType.Float16);
        SafetensorsWriter.Write(path, [new("f32", f32), new("bf16", bf16), new("f16", f16)]);

        var bytes = File.ReadAllBytes(path);
        var headerLength = BitConverter.ToInt64(bytes, 0);
        Assert.Equal(0, (8 + headerLength) % 8);
        var header = Encoding.UTF8.GetString(bytes, 8, (int)headerLength);
        Assert.Contains("\"bf16\":{\"dtype\":\"BF16\",\"shape\":[2],\"data_offsets\":[8,12]}", header);
        var data = bytes.AsSpan((int)(8 + headerLength)).ToArray();
        // 1.0f = 0x3F800000, -2.0f = 0xC0000000; bf16 keeps the top 16 bits; f16 1.0 = 0x3C00, -2.0 = 0xC000.
        byte[] expected = [0, 0, 0x80, 0x3F, 0, 0, 0, 0xC0, 0x80, 0x3F, 0x00, 0xC0, 0x00, 0x3C, 0x00, 0xC0];
        Assert.Equal(expected, data);
    }

    [Fact]
    public void ReadsHandWrittenBf16AndF16BitsIntoFp32()
    {
        var path = Path.Combine(_dir, "hand.safetensors");
        var header = "{\"x\":{\"dtype\":\"BF16\",\"shape\":[2],\"data_offsets\":[0,4]},\"y\":{\"dtype\":\"F16\",\"shape\":[1,2],\"data_offsets\":[4,8]}}";
        using (var s = File.Create(path))
        {
            s.Write(BitConverter.GetBytes((long)header.Length));
            s.Write(Encoding.UTF8.GetBytes(header));
            // bf16 0x4049 = 3.140625, 0xBF00 = -0.5; f16 0x3555 = 0.333251953125, 0x7BFF = 65504
            s.Write([0x49, 0x40, 0x00, 0xBF, 0x55, 0x35, 0xFF, 0x7B]);
        }
        using var reader = SafetensorsReader.Open(path);
        using var x = reader.Read("x", ScalarType.Float32);
        using var y = reader.Read("y", ScalarType.Float32);
        Assert.Equal([3.140625f, -0.5f], x.data<float>().ToArray());
        Assert.Equal([1L, 2L], y.shape);
        Assert.Equal([0.333251953125f, 65504f], y.data<float>().ToArray());
        using var raw = reader.Read("x");
        Assert.Equal(ScalarType.BFloat16, raw.dtype);
    }

    [Fact]
    public void RoundTripsMetadataAndLargerTensors()
    {
        var path = Path.Combine(_dir, "r.safetensors");
        using var big = arange(0, 100_000, dtype: ScalarType.Float32).reshape(100, 1000);
        using var ids = tensor(new long[] { 5, -7 });
        SafetensorsWriter.Write(path, [new("big", big), new("ids", ids)], new Dictionary<string, string> { ["format"] = "pt" });
        using var reader = SafetensorsReader.Open(path);
        Assert.Equal("pt", reader.Metadata["format"]);
        using var back = reader.Read("big");
        Assert.Equal(TinyValues(big), TinyValues(back));
        Assert.Equal([5L, -7L], reader.Read("ids").data<long>().ToArray());
    }

    [Fact]
    public void CorruptFilesGiveClearErrors()
    {
        var path = Path.Combine(_dir, "bad.safetensors");
        File.WriteAllBytes(path, [1, 2, 3]);
        Assert.Contains("not a safetensors file", Assert.Throws<InvalidDataException>(() => SafetensorsReader.Open(path)).Message);

        var header = "{\"w\":{\"dtype\":\"F32\",\"shape\":[3],\"data_offsets\":[0,8]}}";
        using (var s = File.Create(path))
        {
            s.Write(BitConverter.GetBytes((long)header.Length));
            s.Write(Encoding.UTF8.GetBytes(header));
            s.Write(new byte[8]);
        }
        var e = Assert.Throws<InvalidDataException>(() => SafetensorsReader.Open(path));
        Assert.Contains("'w'", e.Message);
        Assert.Contains("expected 12", e.Message);
    }

    private static float[] TinyValues(Tensor t) => t.contiguous().data<float>().ToArray();

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
