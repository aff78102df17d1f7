using ForgetCloud.Learning.Optimization;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace ForgetCloud.Learning.Tests.Optimization;

public class GradientClippingTests
{
    [Fact]
    public void GlobalNormSpansAllGradientsAndSkipsParametersWithoutOne()
    {
        using var a = new Parameter(zeros(2));
        using var b = new Parameter(zeros(2, 2));
        using var none = new Parameter(zeros(3));
        a.grad = tensor(new float[] { 3f, 0f });
        b.grad = tensor(new float[] { 0f, 4f, 12f, 0f }, [2, 2]);
        Assert.Equal(13.0, GradientClipping.GlobalNorm([a, b, none]), 5); // sqrt(9 + 16 + 144)
        Assert.Equal(0.0, GradientClipping.GlobalNorm([none]));
    }

    [Fact]
    public void ClippingScalesToTheMaximumAndReturnsThePreClipNorm()
    {
        using var a = new Parameter(zeros(2));
        using var b = new Parameter(zeros(1));
        a.grad = tensor(new float[] { 3f, 4f });
        b.grad = tensor(new float[] { 12f });
        var norm = GradientClipping.ClipByGlobalNorm([a, b], maxNorm: 1.0);
        Assert.Equal(13.0, norm, 5);
        var factor = 1.0 / (13.0 + 1e-6);
        TestTensors.AssertClose([3 * factor, 4 * factor], TestTensors.ToVector(a.grad!), 1e-7);
        TestTensors.AssertClose([12 * factor], TestTensors.ToVector(b.grad!), 1e-7);
        Assert.Equal(1.0, GradientClipping.GlobalNorm([a, b]), 5);
    }

    [Fact]
    public void GradientsBelowTheMaximumAreUntouched()
    {
        using var a = new Parameter(zeros(2));
        a.grad = tensor(new float[] { 0.3f, 0.4f });
        Assert.Equal(0.5, GradientClipping.ClipByGlobalNorm([a], maxNorm: 1.0), 6);
        Assert.Equal([(double)0.3f, (double)0.4f], TestTensors.ToVector(a.grad!));
    }

    [Fact]
    public void Bf16GradientsAreMeasuredInFp32()
    {
        // 300 values of 1.0: the norm sqrt(300) = 17.3205..., which bf16 (8 significant bits) would round to 17.25 or 17.375.
        using var a = new Parameter(zeros(new long[] { 300 }, ScalarType.BFloat16));
        a.grad = ones(new long[] { 300 }, ScalarType.BFloat16);
        Assert.Equal(Math.Sqrt(300), GradientClipping.GlobalNorm([a]), 4);
    }

    [Fact]
    public void NonFiniteNormIsReturnedAndGradientsLeftAlone()
    {
        using var a = new Parameter(zeros(2));
        a.grad = tensor(new float[] { float.NaN, 1f });
        Assert.True(double.IsNaN(GradientClipping.ClipByGlobalNorm([a], 1.0)));
        Assert.Equal(1.0, TestTensors.ToVector(a.grad!)[1]);
        Assert.Throws<ArgumentException>(() => GradientClipping.ClipByGlobalNorm([a], 0));
    }
}
