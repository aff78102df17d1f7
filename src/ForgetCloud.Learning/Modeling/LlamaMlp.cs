using TorchSharp;
using static TorchSharp.torch;

namespace ForgetCloud.Learning.Modeling;

/// <summary>SwiGLU feed-forward: down(silu(gate(x)) * up(x)).</summary>
public sealed class LlamaMlp : nn.Module<Tensor, Tensor>
{
    private readonly LlamaLinear gate_proj;
    private readonly LlamaLinear up_proj;
    private readonly LlamaLinear down_proj;

    public LlamaMlp(LlamaConfig config, ScalarType dtype, Device device) : base(nameof(LlamaMlp))
    {
        gate_proj = new LlamaLinear(config.HiddenSize, config.IntermediateSize, config.MlpBias, dtype, device);
        up_proj = new LlamaLinear(config.HiddenSize, config.IntermediateSize, config.MlpBias, dtype, device);
        down_proj = new LlamaLinear(config.IntermediateSize, config.HiddenSize, config.MlpBias, dtype, device);
        RegisterComponents();
    }

    public IReadOnlyDictionary<string, LlamaLinear> Projections => new Dictionary<string, LlamaLinear>
    {
        ["gate_proj"] = gate_proj, ["up_proj"] = up_proj, ["down_proj"] = down_proj,
    };

    public override Tensor forward(Tensor input)
    {
        using var scope = NewDisposeScope();
        var hidden = nn.functional.silu(gate_proj.forward(input)) * up_proj.forward(input);
        return down_proj.forward(hidden).MoveToOuterDisposeScope();
    }
}
