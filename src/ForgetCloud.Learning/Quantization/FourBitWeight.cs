using static TorchSharp.torch;

namespace ForgetCloud.Learning.Quantization;

/// <summary>
/// A weight matrix stored in 4 bits: blockwise absmax quantization (blocks of <see cref="FourBitSpec.BlockSize"/>
/// consecutive values in row-major order, each divided by its absolute maximum and rounded to the nearest codebook
/// level), two codes per byte (high nibble first). Dequantization is plain torch ops (a 256-entry byte -> level-pair
/// table, then a multiply by the absmax), so CPU and CUDA run the same code.
/// </summary>
public sealed class FourBitWeight : IDisposable
{
    private readonly Tensor _packed;        // uint8 [blocks * BlockSize / 2]
    private readonly Tensor _pairTable;     // fp32 [256, 2]: the two levels a byte stands for
    private readonly Tensor? _absmax;       // fp32 [blocks], without double quantization
    private readonly Tensor? _absmaxCodes;  // int8 [padded blocks], with double quantization
    private readonly Tensor? _absmaxScales; // fp32 [padded blocks / DoubleQuantBlockSize]
    private readonly float _absmaxOffset;
    private readonly long _blocks;

    private FourBitWeight(long[] shape, FourBitSpec spec, Tensor packed, Tensor pairTable, long blocks,
        Tensor? absmax, Tensor? absmaxCodes, Tensor? absmaxScales, float absmaxOffset)
    {
        Shape = shape;
        Spec = spec;
        _packed = packed;
        _pairTable = pairTable;
        _blocks = blocks;
        _absmax = absmax;
        _absmaxCodes = absmaxCodes;
        _absmaxScales = absmaxScales;
        _absmaxOffset = absmaxOffset;
    }

    public long[] Shape { get; }
    public FourBitSpec Spec { get; }
    public long Elements => Shape.Aggregate(1L, (a, b) => a * b);

    /// <summary>Bytes held: the packed codes plus the absmax constants (and their scales under double quantization).</summary>
    public long StorageBytes =>
        _packed.numel() + (_absmax?.numel() * 4 ?? 0) + (_absmaxCodes?.numel() ?? 0) + (_absmaxScales?.numel() * 4 ?? 0);

    /// <summary>The packed codes (uint8, two per byte, high nibble first).</summary>
    public Tensor Packed => _packed;

    // Blocks quantized per pass: 1M values, so every temporary is a few MiB. Whole-tensor temporaries of up to
    // ~1 GB per projection fragment a heap that keeps its pages (TorchProcess turns trimming off), and loading the 1B
    // shape in 4 bits then held 5.9 GB instead of ~1.5 GB.
    private const long ChunkBlocks = 16384;

    /// <summary>Quantizes <paramref name="weight"/> (any float dtype) on its device.</summary>
    public static FourBitWeight Quantize(Tensor weight, FourBitSpec spec)
    {
        ArgumentNullException.ThrowIfNull(weight);
        ArgumentNullException.ThrowIfNull(spec);
        var levels = FourBitCodebook.For(spec.QuantType);
        var device = weight.device;
        var elements = weight.numel();
        if (elements == 0) throw new ArgumentException("cannot quantize an empty tensor", nameof(weight));
        var blocks = (elements + FourBitSpec.BlockSize - 1) / FourBitSpec.BlockSize;

        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var flat = weight.detach().flatten();
        var packed = empty(blocks * FourBitSpec.BlockSize / 2, ScalarType.Byte, device);
        var absmax = empty(blocks, ScalarType.Float32, device);
        for (long first = 0; first < blocks; first += ChunkBlocks)
        {
            using var chunkScope = NewDisposeScope();
            var count = Math.Min(ChunkBlocks, blocks - first);
            var offset = first * FourBitSpec.BlockSize;
            var part = flat.narrow(0, offset, Math.Min(count * FourBitSpec.BlockSize, elements - offset)).to_type(ScalarType.Float32);
            var padding = count * FourBitSpec.BlockSize - part.numel();
            if (padding > 0) part = cat([part, zeros(padding, ScalarType.Float32, device)]);
            var values = part.view(count, FourBitSpec.BlockSize);
            var blockMax = values.abs().amax([1]);
            var normalized = values / blockMax.clamp_min(float.Epsilon).unsqueeze(1);

            // The nearest level's index is the number of midpoints between adjacent levels that the value exceeds.
            var codes = zeros([count, FourBitSpec.BlockSize], ScalarType.Byte, device);
            for (var i = 0; i < levels.Length - 1; i++)
                codes.add_(normalized.gt((levels[i] + levels[i + 1]) / 2f).to_type(ScalarType.Byte));
            var pairs = codes.view(-1, 2);
            packed.narrow(0, first * FourBitSpec.BlockSize / 2, count * FourBitSpec.BlockSize / 2).copy_(pairs.select(1, 0) * 16 + pairs.select(1, 1));
            absmax.narrow(0, first, count).copy_(blockMax);
        }

        var pairTable = PairTable(levels, device);
        // The weight owns its tensors: detached from every dispose scope, so no caller's scope frees them.
        if (!spec.DoubleQuant)
            return new FourBitWeight(weight.shape, spec, packed.DetachFromDisposeScope(), pairTable.DetachFromDisposeScope(), blocks,
                absmax.DetachFromDisposeScope(), null, null, 0f);

        // Double quantization (QLoRA): the absmax constants, centred on their mean, in symmetric int8 per block of 256.
        var mean = absmax.mean().item<float>();
        var centered = absmax - mean;
        var paddedBlocks = (blocks + FourBitSpec.DoubleQuantBlockSize - 1) / FourBitSpec.DoubleQuantBlockSize * FourBitSpec.DoubleQuantBlockSize;
        if (paddedBlocks > blocks) centered = cat([centered, zeros(paddedBlocks - blocks, ScalarType.Float32, device)]);
        var grouped = centered.view(-1, FourBitSpec.DoubleQuantBlockSize);
        var scales = grouped.abs().amax([1]).clamp_min(float.Epsilon);
        var absmaxCodes = (grouped / scales.unsqueeze(1) * 127).round().clamp(-127, 127).to_type(ScalarType.Int8).flatten();
        return new FourBitWeight(weight.shape, spec, packed.DetachFromDisposeScope(), pairTable.DetachFromDisposeScope(), blocks,
            null, absmaxCodes.DetachFromDisposeScope(), scales.contiguous().DetachFromDisposeScope(), mean);
    }

    /// <summary>The per-block absmax constants as fp32 [blocks] (reconstructed under double quantization).</summary>
    public Tensor Absmax()
    {
        if (_absmax is not null) return _absmax.alias();
        using var scope = NewDisposeScope();
        var grouped = _absmaxCodes!.to_type(ScalarType.Float32).view(-1, FourBitSpec.DoubleQuantBlockSize);
        var absmax = (grouped * (_absmaxScales! / 127f).unsqueeze(1)).flatten().narrow(0, 0, _blocks) + _absmaxOffset;
        return absmax.MoveToOuterDisposeScope();
    }

    /// <summary>The weight in <paramref name="dtype"/>, shaped as it was quantized; built 1M values at a time, so the
    /// only full-size tensor is the result.</summary>
    public Tensor Dequantize(ScalarType dtype)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var absmax = Absmax();
        var weight = empty(Elements, dtype, _packed.device);
        for (long first = 0; first < _blocks; first += ChunkBlocks)
        {
            using var chunkScope = NewDisposeScope();
            var count = Math.Min(ChunkBlocks, _blocks - first);
            var codes = _packed.narrow(0, first * FourBitSpec.BlockSize / 2, count * FourBitSpec.BlockSize / 2).to_type(ScalarType.Int64);
            var values = _pairTable.index_select(0, codes).view(count, FourBitSpec.BlockSize) * absmax.narrow(0, first, count).unsqueeze(1);
            var offset = first * FourBitSpec.BlockSize;
            var length = Math.Min(count * FourBitSpec.BlockSize, Elements - offset);
            weight.narrow(0, offset, length).copy_(values.view(-1).narrow(0, 0, length));
        }
        return weight.view(Shape).MoveToOuterDisposeScope();
    }

    private static Tensor PairTable(float[] levels, Device device)
    {
        var table = new float[256 * 2];
        for (var b = 0; b < 256; b++)
        {
            table[2 * b] = levels[b >> 4];
            table[2 * b + 1] = levels[b & 15];
        }
        return tensor(table, [256, 2], ScalarType.Float32).to(device);
    }

    public void Dispose()
    {
        _packed.Dispose();
        _pairTable.Dispose();
        _absmax?.Dispose();
        _absmaxCodes?.Dispose();
        _absmaxScales?.Dispose();
    }
}
