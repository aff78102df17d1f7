using ForgetCloud.Learning.Modeling;

namespace ForgetCloud.Learning.Tests.Modeling;

public class RotaryEmbeddingTests
{
    [Fact]
    public void DefaultFrequenciesAreThetaPowers()
    {
        var inv = RotaryEmbedding.ComputeInverseFrequencies(8, 10000, null);
        Assert.Equal([1.0, 0.1, 0.01, 0.001], inv.Select(v => Math.Round(v, 12)));
    }

    [Fact]
    public void Llama3ScalingFollowsThePublishedFormulaBandByBand()
    {
        // Llama 3.1 values: theta 500000, factor 8, low 1, high 4, original context 8192, head_dim 128.
        var scaling = new RopeScaling("llama3", 8, 1, 4, 8192);
        var inv = RotaryEmbedding.ComputeInverseFrequencies(128, 500000, scaling);
        const double lowWavelen = 8192 / 1.0, highWavelen = 8192 / 4.0;
        var (kept, divided, smoothed) = (0, 0, 0);
        for (var i = 0; i < 64; i++)
        {
            var baseFreq = Math.Pow(500000, -2.0 * i / 128);
            var wavelen = 2 * Math.PI / baseFreq;
            double expected;
            if (wavelen < highWavelen) { expected = baseFreq; kept++; }
            else if (wavelen > lowWavelen) { expected = baseFreq / 8; divided++; }
            else
            {
                var s = (8192 / wavelen - 1) / (4 - 1);
                expected = (1 - s) * baseFreq / 8 + s * baseFreq;
                smoothed++;
            }
            Assert.Equal(expected, inv[i], expected * 1e-12);
        }
        // All three bands are exercised by these real settings.
        Assert.True(kept > 0 && divided > 0 && smoothed > 0, $"{kept}/{divided}/{smoothed}");
        // Spot value: pair 0 is never scaled; the last pair (wavelength ~ 2.6M) is divided by 8.
        Assert.Equal(1.0, inv[0]);
        Assert.Equal(Math.Pow(500000, -126.0 / 128) / 8, inv[63], 1e-20);
    }
}
