using ForgetCloud.Contracts.Configuration;
using ForgetCloud.Learning.Quantization;
using ForgetCloud.Learning.Tests.Modeling;
using static TorchSharp.torch;

namespace ForgetCloud.Learning.Tests.Quantization;

public sealed class FourBitWeightTests
{
    private static readonly FourBitSpec Nf4 = new(FourBitQuantType.Nf4, DoubleQuant: false, ScalarType.Float32);

    [Fact]
    public void ValuesOnTheCodebookTimesTheBlockAbsmaxComeBackExactlyAndPackHighNibbleFirst()
    {
        // One block of 64: value i is level (i mod 16) times 3, so the block's absmax is 3 and code i is i mod 16.
        var values = Enumerable.Range(0, 64).Select(i => FourBitCodebook.Nf4[i % 16] * 3f).ToArray();
        using var weight = tensor(values, [4, 16]);
        using var quantized = FourBitWeight.Quantize(weight, Nf4);

        Assert.Equal([4L, 16L], quantized.Shape);
        Assert.Equal([3f], TinyModels.Values(quantized.Absmax()));
        var packed = quantized.Packed.to_type(ScalarType.Int32).data<int>().ToArray();
        Assert.Equal(32, packed.Length);
        for (var j = 0; j < 32; j++) Assert.Equal((2 * j % 16) * 16 + (2 * j + 1) % 16, packed[j]);
        Assert.Equal(values, TinyModels.Values(quantized.Dequantize(ScalarType.Float32)));
    }

    [Fact]
    public void EachValueRoundsToTheNearestLevelOfItsOwnBlock()
    {
        // Block 0 has absmax 1, block 1 absmax 10; the last 36 values pad a partial third block.
        var values = new float[164];
        values[0] = 1f;
        values[1] = 0.1f;    // nearest NF4 level: 0.0796 (0.1609 is farther)
        values[2] = -0.6f;   // between -0.6962 and -0.5251, nearer -0.5251
        values[64] = -10f;
        values[65] = 2.5f;   // 0.25 of absmax: nearest 0.2461
        values[128] = 0.5f;  // block 2 holds only this: it is its own absmax
        using var weight = tensor(values, [2, 82]);
        using var quantized = FourBitWeight.Quantize(weight, Nf4);
        var back = TinyModels.Values(quantized.Dequantize(ScalarType.Float32));

        Assert.Equal(164, back.Length);
        Assert.Equal([1f, 10f, 0.5f], TinyModels.Values(quantized.Absmax()));
        Assert.Equal(1f, back[0]);
        Assert.Equal(0.07958029955625534f, back[1], 1e-7f);
        Assert.Equal(-0.5250730514526367f, back[2], 1e-7f);
        Assert.Equal(0f, back[3]);
        Assert.Equal(-10f, back[64]);
        Assert.Equal(2.4611230194568634f, back[65], 1e-6f);
        Assert.Equal(0.5f, back[128]);
        Assert.Equal(0f, back[163]);
    }

    [Fact]
    public void RoundTripErrorIsAtMostHalfTheLargestGapTimesTheAbsmax()
    {
        using var weight = randn([48, 80], generator: new Generator(5));
        foreach (var type in new[] { FourBitQuantType.Nf4, FourBitQuantType.Fp4 })
        {
            using var quantized = FourBitWeight.Quantize(weight, Nf4 with { QuantType = type });
            var levels = FourBitCodebook.For(type);
            var halfGap = Enumerable.Range(1, 15).Max(i => levels[i] - levels[i - 1]) / 2;
            var original = TinyModels.Values(weight);
            var back = TinyModels.Values(quantized.Dequantize(ScalarType.Float32));
            for (var block = 0; block < original.Length / 64; block++)
            {
                var slice = original.Skip(block * 64).Take(64).ToArray();
                var absmax = slice.Max(Math.Abs);
                for (var i = 0; i < 64; i++) Assert.True(Math.Abs(slice[i] - back[block * 64 + i]) <= halfGap * absmax * (1 + 1e-5));
            }
        }
    }

    [Fact]
    public void DoubleQuantizationStoresTheAbsmaxInEightBitsAroundTheirMean()
    {
        // 600 blocks (3 groups of 256 after padding), absmax growing with the block index.
        using var scales = arange(1, 601, ScalarType.Float32).repeat_interleave(64L).view(600, 64) / 100;
        using var weight = randn([600, 64], generator: new Generator(9)) * scales;
        using var single = FourBitWeight.Quantize(weight, Nf4);
        using var doubled = FourBitWeight.Quantize(weight, Nf4 with { DoubleQuant = true });

        var exact = TinyModels.Values(single.Absmax());
        var reconstructed = TinyModels.Values(doubled.Absmax());
        var mean = exact.Average();
        for (var group = 0; group < 3; group++)
        {
            var members = Enumerable.Range(group * 256, Math.Min(256, 600 - group * 256)).ToArray();
            var step = members.Max(i => Math.Abs(exact[i] - mean)) / 127;
            foreach (var i in members) Assert.True(Math.Abs(exact[i] - reconstructed[i]) <= step / 2 * (1 + 1e-4) + 1e-6, $"block {i}");
        }

        // 32 bytes of codes per block, then 4 bytes (fp32) or ~1 byte (int8 + a shared fp32 per 256) of absmax.
        Assert.Equal(600 * 32 + 600 * 4, single.StorageBytes);
        Assert.Equal(600 * 32 + 768 + 3 * 4, doubled.StorageBytes);
    }

    [Fact]
    public void AllZeroBlocksDequantizeToZero()
    {
        using var weight = zeros(2, 64);
        foreach (var type in new[] { FourBitQuantType.Nf4, FourBitQuantType.Fp4 })
        {
            using var quantized = FourBitWeight.Quantize(weight, Nf4 with { QuantType = type });
            Assert.All(TinyModels.Values(quantized.Dequantize(ScalarType.Float32)), v => Assert.Equal(0f, v));
        }
    }
}
