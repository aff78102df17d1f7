using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace ForgetCloud.Learning.Modeling;

/// <summary>Root-mean-square layer norm, computed in fp32 whatever the input dtype (as Hugging Face's LlamaRMSNorm).</summary>
public sealed class RmsNorm : nn.Module<Tensor, Tensor>
{
    private readonly Parameter weight;
    private readonly double _eps;

    public RmsNorm(long size, double eps, ScalarType dtype = ScalarType.Float32, Device? device = null) : base(nameof(RmsNorm))
    {
        weight = new Parameter(ones(size, dtype, device));
        _eps = eps;
        RegisterComponents();
    }

    public Parameter Weight => weight;

    public override Tensor forward(Tensor input)
    {
        using var scope = NewDisposeScope();
        var x = input.to_type(ScalarType.Float32);
        var normalized = x * rsqrt(x.pow(2).mean([-1], keepdim: true) + _eps);
        // HF casts back to the input dtype before scaling by the weight.
        return (weight * normalized.to_type(input.dtype)).MoveToOuterDisposeScope();
    }
}
