using ForgetCloud.Contracts.Configuration;
using static TorchSharp.torch;

namespace ForgetCloud.Learning.Quantization;

/// <summary>
/// How the frozen base's linear weights are stored in 4 bits (transformers' <c>BitsAndBytesConfig</c> with
/// <c>load_in_4bit</c>): the codebook, whether the per-block absmax constants are themselves quantized, and the dtype
/// the weights are dequantized to for each matmul.
/// </summary>
public sealed record FourBitSpec(FourBitQuantType QuantType, bool DoubleQuant, ScalarType ComputeType)
{
    /// <summary>Values that share one absmax constant (bitsandbytes' default blocksize for 4-bit).</summary>
    public const int BlockSize = 64;

    /// <summary>Absmax constants that share one fp32 scale under double quantization (QLoRA: 256).</summary>
    public const int DoubleQuantBlockSize = 256;

    /// <summary>The spec of a study config's <c>model</c> section, or null when <c>load_in_4bit</c> is off;
    /// <paramref name="modelType"/> is the resolved model dtype that <c>bnb_4bit_compute_dtype: auto</c> follows.</summary>
    public static FourBitSpec? For(ModelConfig model, ScalarType modelType)
    {
        ArgumentNullException.ThrowIfNull(model);
        if (!model.LoadIn4Bit) return null;
        var compute = model.Bnb4BitComputeDtype switch
        {
            Precision.Fp32 => ScalarType.Float32,
            Precision.Bf16 => ScalarType.BFloat16,
            _ => modelType,
        };
        return new FourBitSpec(model.Bnb4BitQuantType, model.Bnb4BitUseDoubleQuant, compute);
    }
}
