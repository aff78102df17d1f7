using TorchSharp.Modules;

namespace ForgetCloud.Learning.Modeling;

/// <summary>The parameters that require grad (with LoRA attached, only the adapter factors).</summary>
public static class TrainableParameters
{
    /// <summary>(name, parameter) in state-dict order; a tied embedding is listed once, under its embedding name.</summary>
    public static IReadOnlyList<(string Name, Parameter Parameter)> List(LlamaForCausalLM model) =>
        [.. model.named_parameters().Where(p => p.parameter.requires_grad)];
}
