namespace ForgetCloud.Contracts.Configuration;

/// <summary>The 4-bit codebook of a quantized base (<c>model.bnb_4bit_quant_type</c>, as in transformers' BitsAndBytesConfig).</summary>
public enum FourBitQuantType
{
    /// <summary>NormalFloat4 (QLoRA): levels at the quantiles of a normal distribution.</summary>
    Nf4,

    /// <summary>bitsandbytes' 4-bit float (1 sign, 2 exponent, 1 mantissa bit).</summary>
    Fp4,
}
