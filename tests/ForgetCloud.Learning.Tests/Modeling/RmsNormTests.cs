using ForgetCloud.Learning.Modeling;
using static TorchSharp.torch;

namespace ForgetCloud.Learning.Tests.Modeling;

public class RmsNormTests
{
    [Fact]
    public void NormalizesByRootMeanSquareThenScales()
    {
        using var norm = new RmsNorm(4, eps: 1e-6);
        using (no_grad()) norm.Weight.copy_(tensor(new float[] { 1, 2, 0.5f, -1 }));
        using var x = tensor(new float[] { 1, 2, 3, 4 });
        // mean(x^2) = 30/4 = 7.5, rms = sqrt(7.5 + 1e-6)
        var rms = Math.Sqrt(7.5 + 1e-6);
        double[] expected = [1 / rms * 1, 2 / rms * 2, 3 / rms * 0.5, 4 / rms * -1];
        var actual = TinyModels.Values(norm.forward(x));
        for (var i = 0; i < 4; i++) Assert.Equal(expected[i], actual[i], 1e-6);
    }

    [Fact]
    public void Bf16InputIsNormalizedInFp32AndReturnedAsBf16()
    {
        using var norm = new RmsNorm(2, eps: 0, ScalarType.BFloat16);
        using var x = tensor(new float[] { 3, 4 }).to_type(ScalarType.BFloat16);
        using var y = norm.forward(x);
        Assert.Equal(ScalarType.BFloat16, y.dtype);
        // rms = sqrt(12.5); 3/rms = 0.8485, 4/rms = 1.1314, within bf16 rounding (2^-8 relative)
        var v = TinyModels.Values(y);
        Assert.Equal(3 / Math.Sqrt(12.5), v[0], 0.004);
        Assert.Equal(4 / Math.Sqrt(12.5), v[1], 0.005);
    }
}
