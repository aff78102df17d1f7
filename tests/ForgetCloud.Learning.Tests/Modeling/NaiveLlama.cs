using ForgetCloud.Learning.Modeling;
using TorchSharp;

namespace ForgetCloud.Learning.Tests.Modeling;

/// <summary>An independent reference forward pass in plain C# doubles, written from the Llama equations
/// (stands in for transformers' LlamaForCausalLM, which cannot be installed here).</summary>
internal sealed class NaiveLlama
{
    private readonly LlamaConfig _c;
    private readonly Dictionary<string, (float[] Data, long[] Shape)> _w;

    public NaiveLlama(LlamaForCausalLM model)
    {
        _c = model.Config;
        _w = model.named_parameters().ToDictionary(p => p.name, p => (TinyModels.Values(p.parameter), p.parameter.shape));
    }

    public double[][] Logits(IReadOnlyList<int> ids)
    {
        var (d, hd, heads, kvHeads) = (_c.HiddenSize, _c.HeadDim, _c.NumAttentionHeads, _c.NumKeyValueHeads);
        var embed = _w["model.embed_tokens.weight"].Data;
        var x = ids.Select(id => Enumerable.Range(0, d).Select(j => (double)embed[id * d + j]).ToArray()).ToArray();
        var inv = Enumerable.Range(0, hd / 2).Select(i => 1.0 / Math.Pow(_c.RopeTheta, 2.0 * i / hd)).ToArray();
        for (var l = 0; l < _c.NumHiddenLayers; l++)
        {
            var p = $"model.layers.{l}.";
            var h = x.Select(r => Norm(r, p + "input_layernorm.weight")).ToArray();
            var q = h.Select(r => MatVec(p + "self_attn.q_proj.weight", r)).ToArray();
            var k = h.Select(r => MatVec(p + "self_attn.k_proj.weight", r)).ToArray();
            var v = h.Select(r => MatVec(p + "self_attn.v_proj.weight", r)).ToArray();
            for (var t = 0; t < ids.Count; t++)
            {
                for (var a = 0; a < heads; a++) Rope(q[t], a * hd, hd, t, inv);
                for (var a = 0; a < kvHeads; a++) Rope(k[t], a * hd, hd, t, inv);
            }
            for (var t = 0; t < ids.Count; t++)
            {
                var concat = new double[heads * hd];
                for (var a = 0; a < heads; a++)
                {
                    var g = a / (heads / kvHeads);
                    var scores = new double[t + 1];
                    for (var s = 0; s <= t; s++)
                    {
                        for (var j = 0; j < hd; j++) scores[s] += q[t][a * hd + j] * k[s][g * hd + j];
                        scores[s] /= Math.Sqrt(hd);
                    }
                    var max = scores.Max();
                    var exp = scores.Select(z => Math.Exp(z - max)).ToArray();
                    var sum = exp.Sum();
                    for (var s = 0; s <= t; s++)
                        for (var j = 0; j < hd; j++) concat[a * hd + j] += exp[s] / sum * v[s][g * hd + j];
                }
                var o = MatVec(p + "self_attn.o_proj.weight", concat);
                for (var j = 0; j < d; j++) x[t][j] += o[j];
                var h2 = Norm(x[t], p + "post_attention_layernorm.weight");
                var gate = MatVec(p + "mlp.gate_proj.weight", h2);
                var up = MatVec(p + "mlp.up_proj.weight", h2);
                var act = gate.Select((z, i) => z / (1 + Math.Exp(-z)) * up[i]).ToArray();
                var m = MatVec(p + "mlp.down_proj.weight", act);
                for (var j = 0; j < d; j++) x[t][j] += m[j];
            }
        }
        var head = _c.TieWordEmbeddings ? "model.embed_tokens.weight" : "lm_head.weight";
        return x.Select(r => MatVec(head, Norm(r, "model.norm.weight"))).ToArray();
    }

    public static double[] LogSoftmax(double[] z)
    {
        var max = z.Max();
        var lse = max + Math.Log(z.Sum(v => Math.Exp(v - max)));
        return z.Select(v => v - lse).ToArray();
    }

    private double[] Norm(double[] x, string weight)
    {
        var w = _w[weight].Data;
        var rms = Math.Sqrt(x.Sum(v => v * v) / x.Length + _c.RmsNormEps);
        return x.Select((v, i) => v / rms * w[i]).ToArray();
    }

    private double[] MatVec(string name, double[] x)
    {
        var (w, shape) = _w[name];
        var y = new double[shape[0]];
        for (var i = 0; i < shape[0]; i++)
            for (var j = 0; j < shape[1]; j++) y[i] += w[i * shape[1] + j] * x[j];
        return y;
    }

    private static void Rope(double[] v, int offset, int hd, int position, double[] inv)
    {
        var half = hd / 2;
        for (var i = 0; i < half; i++)
        {
            var (c, s) = (Math.Cos(position * inv[i]), Math.Sin(position * inv[i]));
            var (a, b) = (v[offset + i], v[offset + i + half]);
            v[offset + i] = a * c - b * s;
            v[offset + i + half] = b * c + a * s;
        }
    }
}
