namespace ForgetCloud.Contracts.Configuration;

/// <summary>The compute precision (<c>dtype</c>).</summary>
public enum Precision
{
    /// <summary><c>fp32</c>: everything in float32.</summary>
    Fp32,

    /// <summary><c>bf16</c>: frozen weights and activations in bfloat16; trainable weights and optimizer state in float32.</summary>
    Bf16,
}
