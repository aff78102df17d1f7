using ForgetCloud.Learning.Quantization;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace ForgetCloud.Learning.Modeling;

/// <summary>
/// A projection y = x W^T (+ b) holding parameters named <c>weight</c> / <c>bias</c> like nn.Linear, that can
/// carry a LoRA adapter as submodules <c>lora_A</c> / <c>lora_B</c> (so state-dict names match PEFT's after
/// the <c>base_model.model.</c> prefix). The LoRA path runs in the adapter's dtype (fp32 for training).
/// A frozen projection can hold its weight in 4 bits instead (<see cref="QuantizeTo4Bit"/>, QLoRA): it then has no
/// <c>weight</c> parameter and dequantizes the weight in each forward pass.
/// </summary>
public sealed class LlamaLinear : nn.Module<Tensor, Tensor>
{
    public LlamaLinear(long inFeatures, long outFeatures, bool hasBias, ScalarType dtype, Device? device = null) : base(nameof(LlamaLinear))
    {
        InFeatures = inFeatures;
        OutFeatures = outFeatures;
        _weight = new Parameter(empty([outFeatures, inFeatures], dtype, device));
        register_parameter("weight", _weight);
        if (hasBias)
        {
            Bias = new Parameter(zeros(outFeatures, dtype, device));
            register_parameter("bias", Bias);
        }
    }

    public long InFeatures { get; }
    public long OutFeatures { get; }
    private Parameter? _weight;

    /// <summary>The full-precision weight [out, in]; a 4-bit projection has none.</summary>
    public Parameter Weight => _weight ?? throw new InvalidOperationException("this projection's weight is stored in 4 bits; it has no full-precision parameter");
    public Parameter? Bias { get; }

    /// <summary>The 4-bit weight, or null for a full-precision projection.</summary>
    public FourBitWeight? FourBit { get; private set; }

    /// <summary>Where the weight lives.</summary>
    public Device Device => FourBit?.Packed.device ?? Weight.device;

    /// <summary>
    /// Replaces the weight parameter by its 4-bit form. <paramref name="source"/> is the value to quantize (a checkpoint
    /// tensor, so the full-precision parameter is never filled); null quantizes the current weight.
    /// </summary>
    public void QuantizeTo4Bit(FourBitSpec spec, Tensor? source = null)
    {
        ArgumentNullException.ThrowIfNull(spec);
        if (FourBit is not null) throw new InvalidOperationException("this projection is already stored in 4 bits");
        if (Lora is { Merged: true }) throw new InvalidOperationException("unmerge the LoRA adapter before quantizing the base weight");
        if (source is not null && !source.shape.SequenceEqual([OutFeatures, InFeatures]))
            throw new ArgumentException($"a [{string.Join(", ", source.shape)}] tensor does not fit the [{OutFeatures}, {InFeatures}] projection");
        var weight = Weight;
        FourBit = FourBitWeight.Quantize(source ?? weight, spec);
        _internal_params.Remove("weight");
        _weight = null;
        weight.Dispose();
    }

    /// <summary>The attached adapter, or null.</summary>
    public LoraAdapterState? Lora { get; private set; }

    /// <summary>Attaches <c>lora_A</c> [r, in] and <c>lora_B</c> [out, r]; forward adds scale * B(A(dropout(x))).</summary>
    public void AttachLora(Parameter loraA, Parameter loraB, double scale, double dropout)
    {
        if (Lora is not null) throw new InvalidOperationException("this projection already carries a LoRA adapter");
        if (loraA.dim() != 2 || loraB.dim() != 2 || loraA.shape[1] != InFeatures || loraB.shape[0] != OutFeatures || loraA.shape[0] != loraB.shape[1])
            throw new ArgumentException($"LoRA shapes A [{string.Join(", ", loraA.shape)}] B [{string.Join(", ", loraB.shape)}] do not fit a [{OutFeatures}, {InFeatures}] projection");
        var a = new LoraFactor(loraA);
        var b = new LoraFactor(loraB);
        register_module("lora_A", a);
        register_module("lora_B", b);
        Lora = new LoraAdapterState(a, b, scale, dropout);
    }

    /// <summary>Adds scale * B A to the weight (computed in fp32) so inference skips the adapter path.</summary>
    public void MergeLora()
    {
        var lora = Lora ?? throw new InvalidOperationException("no LoRA adapter to merge");
        if (lora.Merged) throw new InvalidOperationException("the LoRA adapter is already merged");
        AddDelta(lora, +1);
        lora.Merged = true;
    }

    /// <summary>Subtracts the merged delta again (exact up to the weight dtype's rounding).</summary>
    public void UnmergeLora()
    {
        var lora = Lora ?? throw new InvalidOperationException("no LoRA adapter to unmerge");
        if (!lora.Merged) throw new InvalidOperationException("the LoRA adapter is not merged");
        AddDelta(lora, -1);
        lora.Merged = false;
    }

    /// <summary>
    /// Folds a merged adapter into the base for good: drops <c>lora_A</c> / <c>lora_B</c> so the projection is a plain
    /// linear map again and can take a fresh adapter (PEFT's merge_and_unload).
    /// </summary>
    public void RemoveMergedLora()
    {
        var lora = Lora ?? throw new InvalidOperationException("no LoRA adapter to remove");
        if (!lora.Merged) throw new InvalidOperationException("merge the LoRA adapter before removing it, or its update is lost");
        _internal_submodules.Remove("lora_A");
        _internal_submodules.Remove("lora_B");
        lora.A.Dispose();
        lora.B.Dispose();
        Lora = null;
    }

    private void AddDelta(LoraAdapterState lora, int sign)
    {
        using var noGrad = no_grad();
        using var scope = NewDisposeScope();
        var delta = lora.B.Weight.to_type(ScalarType.Float32).matmul(lora.A.Weight.to_type(ScalarType.Float32)) * (sign * lora.Scale);
        if (FourBit is { } fourBit)
        {
            // As PEFT merges into a bitsandbytes base: dequantize, add, quantize again (the sum is rounded to 4 bits).
            if (sign < 0) throw new InvalidOperationException("an adapter merged into a 4-bit base was rounded with it and cannot be unmerged");
            FourBit = FourBitWeight.Quantize(fourBit.Dequantize(ScalarType.Float32) + delta, fourBit.Spec);
            fourBit.Dispose();
            return;
        }
        Weight.copy_((Weight.to_type(ScalarType.Float32) + delta).to_type(Weight.dtype));
    }

    public override Tensor forward(Tensor input)
    {
        var output = FourBit is { } fourBit ? FourBitForward(input, fourBit) : nn.functional.linear(input, Weight, Bias);
        if (Lora is not { Merged: false } lora) return output;
        using var scope = NewDisposeScope();
        var x = input.to_type(lora.A.Weight.dtype);
        if (lora.Dropout > 0) x = nn.functional.dropout(x, lora.Dropout, training);
        var update = nn.functional.linear(nn.functional.linear(x, lora.A.Weight), lora.B.Weight) * lora.Scale;
        var sum = output + update.to_type(output.dtype);
        output.Dispose();
        return sum.MoveToOuterDisposeScope();
    }

    // bitsandbytes' Linear4bit: the input in the compute dtype, the weight dequantized for this matmul only.
    private Tensor FourBitForward(Tensor input, FourBitWeight fourBit)
    {
        using var scope = NewDisposeScope();
        var compute = fourBit.Spec.ComputeType;
        var output = nn.functional.linear(input.to_type(compute), fourBit.Dequantize(compute)).to_type(input.dtype);
        if (Bias is not null) output = output + Bias;
        return output.MoveToOuterDisposeScope();
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing) FourBit?.Dispose();
        base.Dispose(disposing);
    }
}
