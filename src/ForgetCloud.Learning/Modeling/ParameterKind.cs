namespace ForgetCloud.Learning.Modeling;

/// <summary>What a parameter is, for optimizers that treat hidden matrices differently (Muon) from the rest.</summary>
public enum ParameterKind
{
    /// <summary>A 2-D weight inside a decoder layer (attention / MLP projection).</summary>
    HiddenMatrix,
    /// <summary>A 2-D LoRA factor (lora_A or lora_B).</summary>
    LoraMatrix,
    Embedding,
    OutputHead,
    Norm,
    Bias,
}
