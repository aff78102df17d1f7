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
        var flat = weight.detach().to_type(ScalarType.Float32).flatten();
        var padding = blocks * FourBitSpec.BlockSize - elements;
        if (padding > 0) flat = cat([flat, zeros(padding, ScalarType.Float32, device)]);
        var values = flat.view(blocks, FourBitSpec.BlockSize);
        var absmax = values.abs().amax([1]);
        var normalized = values / absmax.clamp_min(float.Epsilon).unsqueeze(1);

        // The nearest level's index is the number of midpoints between adjacent levels that the value exceeds.
        var codes = zeros([blocks, FourBitSpec.BlockSize], ScalarType.Byte, device);
        for (var i = 0; i < levels.Length - 1; i++)
            codes.add_(normalized.gt((levels[i] + levels[i + 1]) / 2f).to_type(ScalarType.Byte));
        var pairs = codes.view(-1, 2);
        var packed = (pairs.select(1, 0) * 16 + pairs.select(1, 1)).contiguous();

        var pairTable = PairTable(levels, device);
        // The weight owns its tensors: detached from every dispose scope, so no caller's scope frees them.
        if (!spec.DoubleQuant)
            return new FourBitWeight(weight.shape, spec, packed.DetachFromDisposeScope(), pairTable.DetachFromDisposeScope(), blocks,
                absmax.contiguous().DetachFromDisposeScope(), null, null, 0f);

        // Double quantization (QLoRA): the absmax constants, centred on their mean, in symmetric int8 per block of 256.
        var offset = absmax.mean().item<float>();
        var centered = absmax - offset;
        var paddedBlocks = (blocks + FourBitSpec.DoubleQuantBlockSize - 1) / FourBitSpec.DoubleQuantBlockSize * FourBitSpec.DoubleQuantBlockSize;
        if (paddedBlocks > blocks) centered = cat([centered, zeros(paddedBlocks - blocks, ScalarType.Float32, device)]);
        var grouped = centered.view(-1, FourBitSpec.DoubleQuantBlockSize);
        var scales = grouped.abs().amax([1]).clamp_min(float.Epsilon);
        var absmaxCodes = (grouped / scales.unsqueeze(1) * 127).round().clamp(-127, 127).to_type(ScalarType.Int8).flatten();
        return new FourBitWeight(weight.shape, spec, packed.DetachFromDisposeScope(), pairTable.DetachFromDisposeScope(), blocks,
            null, absmaxCodes.DetachFromDisposeScope(), scales.contiguous().DetachFromDisposeScope(), offset);
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

    /// <summary>The weight in <paramref name="dtype"/>, shaped as it was quantized.</summary>
    public Tensor Dequantize(ScalarType dtype)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var pairs = _pairTable.index_select(0, _packed.to_type(ScalarType.Int64));
        var values = pairs.view(_blocks, FourBitSpec.BlockSize) * Absmax().unsqueeze(1);
        var weight = values.flatten().narrow(0, 0, Elements).view(Shape).to_type(dtype);
        return weight.MoveToOuterDisposeScope();
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
