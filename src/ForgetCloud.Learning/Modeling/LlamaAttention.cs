using TorchSharp;
using static TorchSharp.torch;

namespace ForgetCloud.Learning.Modeling;

/// <summary>Grouped-query self-attention with rotary embeddings (Hugging Face LlamaAttention).</summary>
public sealed class LlamaAttention : nn.Module
{
    private readonly LlamaLinear q_proj;
    private readonly LlamaLinear k_proj;
    private readonly LlamaLinear v_proj;
    private readonly LlamaLinear o_proj;
    private readonly int _heads;
    private readonly int _kvHeads;
    private readonly int _headDim;

    public LlamaAttention(LlamaConfig config, ScalarType dtype, Device device) : base(nameof(LlamaAttention))
    {
        _heads = config.NumAttentionHeads;
        _kvHeads = config.NumKeyValueHeads;
        _headDim = config.HeadDim;
        q_proj = new LlamaLinear(config.HiddenSize, _heads * _headDim, config.AttentionBias, dtype, device);
        k_proj = new LlamaLinear(config.HiddenSize, _kvHeads * _headDim, config.AttentionBias, dtype, device);
        v_proj = new LlamaLinear(config.HiddenSize, _kvHeads * _headDim, config.AttentionBias, dtype, device);
        o_proj = new LlamaLinear(_heads * _headDim, config.HiddenSize, config.AttentionBias, dtype, device);
        RegisterComponents();
    }

    public IReadOnlyDictionary<string, LlamaLinear> Projections => new Dictionary<string, LlamaLinear>
    {
        ["q_proj"] = q_proj, ["k_proj"] = k_proj, ["v_proj"] = v_proj, ["o_proj"] = o_proj,
    };

    /// <param name="hidden">[B, T, hidden]</param>
    /// <param name="cos">rotary table [B, T, head_dim]</param>
    /// <param name="sin">rotary table [B, T, head_dim]</param>
    /// <param name="mask">boolean [B, 1, T, T_total] (true = may attend), or null for plain causal attention</param>
    /// <param name="cache">KV cache and this layer's index in it, or null</param>
    public Tensor Forward(Tensor hidden, Tensor cos, Tensor sin, Tensor? mask, KvCache? cache, int layerIndex)
    {
        using var scope = NewDisposeScope();
        var (batch, time) = (hidden.shape[0], hidden.shape[1]);
        var q = q_proj.forward(hidden).view(batch, time, _heads, _headDim).transpose(1, 2);
        var k = k_proj.forward(hidden).view(batch, time, _kvHeads, _headDim).transpose(1, 2);
        var v = v_proj.forward(hidden).view(batch, time, _kvHeads, _headDim).transpose(1, 2);
        q = RotaryEmbedding.Apply(q, cos, sin);
        k = RotaryEmbedding.Apply(k, cos, sin);
        if (cache is not null) (k, v) = cache.Append(layerIndex, k, v);

        // TorchSharp 0.107's SDPA has no GQA flag: key/value head g serves query heads g*n .. g*n+n-1.
        var groups = _heads / _kvHeads;
        if (groups > 1)
        {
            k = RepeatKv(k, groups);
            v = RepeatKv(v, groups);
        }
        var attended = mask is null
            ? nn.functional.scaled_dot_product_attention(q, k, v, is_casual: time > 1)
            : nn.functional.scaled_dot_product_attention(q, k, v, attn_mask: mask);
        var merged = attended.transpose(1, 2).reshape(batch, time, _heads * _headDim);
        return o_proj.forward(merged).MoveToOuterDisposeScope();
    }

    private static Tensor RepeatKv(Tensor x, int groups)
    {
        var (b, h, t, d) = (x.shape[0], x.shape[1], x.shape[2], x.shape[3]);
        return x.unsqueeze(2).expand(b, h, groups, t, d).reshape(b, h * groups, t, d);
    }
}
