using static TorchSharp.torch;

namespace ForgetCloud.Learning.Modeling;

/// <summary>
/// Rotary position embeddings in Hugging Face's rotate_half convention (the two halves of each head are the
/// real and imaginary parts), with optional Llama 3 frequency scaling. Not a module: the inverse frequencies are
/// derived from the config and never stored in checkpoints.
/// </summary>
public sealed class RotaryEmbedding : IDisposable
{
    private readonly Tensor _invFreq;

    public RotaryEmbedding(LlamaConfig config)
    {
        InverseFrequencies = ComputeInverseFrequencies(config.HeadDim, config.RopeTheta, config.RopeScaling);
        _invFreq = tensor(InverseFrequencies.Select(f => (float)f).ToArray()).DetachFromDisposeScope();
    }

    /// <summary>The per-pair inverse frequencies (length head_dim / 2), computed in double precision.</summary>
    public IReadOnlyList<double> InverseFrequencies { get; }

    /// <summary>inv_freq[i] = theta^(-2i/d), then, for llama3 scaling, wavelengths beyond
    /// original_max/low_freq_factor are divided by factor, those below original_max/high_freq_factor kept, and
    /// the band in between interpolated smoothly (Meta's published Llama 3.1 formula).</summary>
    public static double[] ComputeInverseFrequencies(int headDim, double theta, RopeScaling? scaling)
    {
        var inv = new double[headDim / 2];
        for (var i = 0; i < inv.Length; i++) inv[i] = 1.0 / Math.Pow(theta, 2.0 * i / headDim);
        if (scaling is null) return inv;

        var lowFreqWavelen = scaling.OriginalMaxPositionEmbeddings / scaling.LowFreqFactor;
        var highFreqWavelen = scaling.OriginalMaxPositionEmbeddings / scaling.HighFreqFactor;
        for (var i = 0; i < inv.Length; i++)
        {
            var wavelen = 2 * Math.PI / inv[i];
            if (wavelen < highFreqWavelen) continue;
            if (wavelen > lowFreqWavelen)
            {
                inv[i] /= scaling.Factor;
                continue;
            }
            var smooth = (scaling.OriginalMaxPositionEmbeddings / wavelen - scaling.LowFreqFactor)
                         / (scaling.HighFreqFactor - scaling.LowFreqFactor);
            inv[i] = (1 - smooth) * inv[i] / scaling.Factor + smooth * inv[i];
        }
        return inv;
    }

    /// <summary>cos and sin tables [B, T, head_dim] in <paramref name="dtype"/> for integer positions [B, T].</summary>
    public (Tensor Cos, Tensor Sin) Tables(Tensor positions, ScalarType dtype)
    {
        using var scope = NewDisposeScope();
        var inv = _invFreq.to(positions.device);
        // Angles in fp32, as Hugging Face does (autocast disabled there).
        var freqs = positions.to_type(ScalarType.Float32).unsqueeze(-1) * inv;
        var emb = cat([freqs, freqs], -1);
        return (emb.cos().to_type(dtype).MoveToOuterDisposeScope(), emb.sin().to_type(dtype).MoveToOuterDisposeScope());
    }

    /// <summary>x * cos + rotate_half(x) * sin for x [B, H, T, D] and tables [B, T, D].</summary>
    public static Tensor Apply(Tensor x, Tensor cos, Tensor sin)
    {
        using var scope = NewDisposeScope();
        var half = x.shape[^1] / 2;
        var rotated = cat([-x.narrow(-1, half, half), x.narrow(-1, 0, half)], -1);
        return (x * cos.unsqueeze(1) + rotated * sin.unsqueeze(1)).MoveToOuterDisposeScope();
    }

    public void Dispose() => _invFreq.Dispose();
}
