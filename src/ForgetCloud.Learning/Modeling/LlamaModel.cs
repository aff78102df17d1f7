using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace ForgetCloud.Learning.Modeling;

/// <summary>The decoder stack without the output head (Hugging Face's <c>LlamaModel</c>, prefix <c>model.</c>).</summary>
public sealed class LlamaModel : nn.Module
{
    private readonly Embedding embed_tokens;
    private readonly ModuleList<LlamaDecoderLayer> layers;
    private readonly RmsNorm norm;
    private readonly RotaryEmbedding _rotary;

    public LlamaModel(LlamaConfig config, ScalarType dtype, Device device) : base(nameof(LlamaModel))
    {
        embed_tokens = nn.Embedding(config.VocabSize, config.HiddenSize, device: device, dtype: dtype);
        layers = nn.ModuleList(Enumerable.Range(0, config.NumHiddenLayers).Select(_ => new LlamaDecoderLayer(config, dtype, device)).ToArray());
        norm = new RmsNorm(config.HiddenSize, config.RmsNormEps, dtype, device);
        _rotary = new RotaryEmbedding(config);
        RegisterComponents();
    }

    public Embedding EmbedTokens => embed_tokens;
    public IReadOnlyList<LlamaDecoderLayer> Layers => [.. layers];
    public RotaryEmbedding Rotary => _rotary;
    public RmsNorm Norm => norm;

    /// <summary>Final-normed hidden states [B, T, hidden].</summary>
    /// <param name="inputIds">int64 [B, T]</param>
    /// <param name="attentionMask">[B, past + T], 1 for real tokens and 0 for padding (left or right), or null</param>
    /// <param name="cache">positions decoded so far; extended by T on return</param>
    public Tensor Forward(Tensor inputIds, Tensor? attentionMask = null, KvCache? cache = null)
    {
        if (inputIds.dim() != 2) throw new ArgumentException($"input ids must be [batch, time], got [{string.Join(", ", inputIds.shape)}]");
        using var scope = NewDisposeScope();
        var (batch, time) = (inputIds.shape[0], inputIds.shape[1]);
        var past = cache?.Length ?? 0;
        var device = inputIds.device;

        Tensor positions;
        Tensor? mask = null;
        if (attentionMask is not null)
        {
            if (attentionMask.shape.Length != 2 || attentionMask.shape[0] != batch || attentionMask.shape[1] != past + time)
                throw new ArgumentException($"attention mask must be [{batch}, {past + time}] (past {past} + new {time}), got [{string.Join(", ", attentionMask.shape)}]");
            var valid = attentionMask.to(device).to_type(ScalarType.Int64);
            // Real tokens are numbered 0, 1, ... whatever padding precedes them (as HF generate does).
            positions = (valid.cumsum(-1) - 1).clamp_min(0).narrow(1, past, time);
            var queries = arange(past, past + time, device: device).unsqueeze(1);
            var keys = arange(past + time, device: device).unsqueeze(0);
            var causal = keys.le(queries);
            // A padding query attends to itself so its (ignored) row never becomes all -inf -> NaN.
            var self = keys.eq(queries);
            mask = (causal.unsqueeze(0) & (valid.to_type(ScalarType.Bool).unsqueeze(1) | self.unsqueeze(0))).unsqueeze(1);
        }
        else
        {
            positions = arange(past, past + time, device: device).unsqueeze(0).expand(batch, time);
            if (past > 0 && time > 1)
                mask = arange(past + time, device: device).unsqueeze(0).le(arange(past, past + time, device: device).unsqueeze(1)).unsqueeze(0).unsqueeze(0);
        }

        var hidden = embed_tokens.forward(inputIds);
        var (cos, sin) = _rotary.Tables(positions, hidden.dtype);
        for (var i = 0; i < layers.Count; i++) hidden = layers[i].Forward(hidden, cos, sin, mask, cache, i);
        cache?.Advance(time);
        return norm.forward(hidden).MoveToOuterDisposeScope();
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing) _rotary.Dispose();
        base.Dispose(disposing);
    }
}
