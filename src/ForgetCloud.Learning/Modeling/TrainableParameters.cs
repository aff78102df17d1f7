namespace ForgetCloud.Learning.Modeling;

/// <summary>Lists parameters by name and kind (with LoRA attached, only the adapter factors require grad).</summary>
public static class TrainableParameters
{
    /// <summary>Parameters with requires_grad, in state-dict order. A tied embedding is listed once, as Embedding.</summary>
    public static IReadOnlyList<NamedParameter> List(LlamaForCausalLM model) =>
        All(model).Where(p => p.Parameter.requires_grad).ToList();

    public static IReadOnlyList<NamedParameter> All(LlamaForCausalLM model) =>
        model.named_parameters().Select(p => new NamedParameter(p.name, p.parameter, Classify(p.name, p.parameter.dim()))).ToList();

    public static ParameterKind Classify(string name, long rank) => name switch
    {
        _ when name.Contains(".lora_", StringComparison.Ordinal) => ParameterKind.LoraMatrix,
        _ when name.EndsWith(".bias", StringComparison.Ordinal) => ParameterKind.Bias,
        "model.embed_tokens.weight" => ParameterKind.Embedding,
        "lm_head.weight" => ParameterKind.OutputHead,
        _ when rank == 1 => ParameterKind.Norm,
        _ when rank == 2 && name.StartsWith("model.layers.", StringComparison.Ordinal) => ParameterKind.HiddenMatrix,
        _ => throw new ArgumentException($"parameter '{name}' (rank {rank}) has no known kind"),
    };
}
