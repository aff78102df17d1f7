using TorchSharp;
using static TorchSharp.torch;

namespace ForgetCloud.Learning.Modeling;

/// <summary>Pre-norm decoder block: x + attn(norm(x)), then + mlp(norm(.)).</summary>
public sealed class LlamaDecoderLayer : nn.Module
{
    private readonly LlamaAttention self_attn;
    private readonly LlamaMlp mlp;
    private readonly RmsNorm input_layernorm;
    private readonly RmsNorm post_attention_layernorm;

    public LlamaDecoderLayer(LlamaConfig config, ScalarType dtype, Device device) : base(nameof(LlamaDecoderLayer))
    {
        self_attn = new LlamaAttention(config, dtype, device);
        mlp = new LlamaMlp(config, dtype, device);
        input_layernorm = new RmsNorm(config.HiddenSize, config.RmsNormEps, dtype, device);
        post_attention_layernorm = new RmsNorm(config.HiddenSize, config.RmsNormEps, dtype, device);
        RegisterComponents();
    }

    public LlamaAttention SelfAttention => self_attn;
    public LlamaMlp Mlp => mlp;

    public Tensor Forward(Tensor hidden, Tensor cos, Tensor sin, Tensor? mask, KvCache? cache, int layerIndex)
    {
        using var scope = NewDisposeScope();
        var h = hidden + self_attn.Forward(input_layernorm.forward(hidden), cos, sin, mask, cache, layerIndex);
        return (h + mlp.forward(post_attention_layernorm.forward(h))).MoveToOuterDisposeScope();
    }
}
