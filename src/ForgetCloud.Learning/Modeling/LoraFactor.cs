using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace ForgetCloud.Learning.Modeling;

/// <summary>One LoRA factor as a module with a single <c>weight</c> parameter (PEFT stores each as an nn.Linear).</summary>
public sealed class LoraFactor : nn.Module
{
    public LoraFactor(Parameter weight) : base(nameof(LoraFactor))
    {
        Weight = weight;
        register_parameter("weight", weight);
    }

    public Parameter Weight { get; }
}
