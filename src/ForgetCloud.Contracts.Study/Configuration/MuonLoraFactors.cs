namespace ForgetCloud.Contracts.Configuration;

/// <summary>Which LoRA factors Muon orthogonalises (<c>optimizer.muon.lora_factors</c>).</summary>
public enum MuonLoraFactors
{
    /// <summary><c>both</c>: lora_A and lora_B are Muon matrices, each orthogonalised on its own (not their product).</summary>
    Both,

    /// <summary><c>b_only</c>: lora_B is Muon's; lora_A goes to the auxiliary AdamW.</summary>
    BOnly,
}
