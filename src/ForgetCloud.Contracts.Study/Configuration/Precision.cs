namespace ForgetCloud.Contracts.Configuration;

/// <summary>The compute precision (<c>dtype</c>).</summary>
public enum Precision
{
    /// <summary><c>auto</c>: bf16 where the device computes it natively (CUDA compute capability ≥ 8.0; a CPU with AMX
    /// or AVX512-BF16), otherwise fp32. Resolved at run time on the machine that computes.</summary>
    Auto,

    /// <summary><c>fp32</c>: everything in float32.</summary>
    Fp32,

    /// <summary><c>bf16</c>: frozen weights and activations in bfloat16; trainable weights and optimizer state in float32.</summary>
    Bf16,
}
