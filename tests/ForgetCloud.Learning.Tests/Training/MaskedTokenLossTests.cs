using ForgetCloud.Learning.Training;
using static TorchSharp.torch;

namespace ForgetCloud.Learning.Tests.Training;

public sealed class MaskedTokenLossTests
{
    [Fact]
    public void Sum_counts_only_masked_positions_with_shifted_targets()
    {
        // [B=2, T=3, V=3]; position t predicts token t+1. Unscored positions get absurd logits: they must not matter.
        float[] logits =
        [
            1, 2, 3, /**/ 0.5f, -1, 2, /**/ 90, -90, 0,
            50, -50, 7, /**/ 3, 1, -2, /**/ -80, 80, 0,
        ];
        long[] ids = [0, 2, 1, /**/ 2, 0, 0];
        long[] mask = [1, 1, 0, /**/ 0, 1, 0];
        using var l = tensor(logits, [2, 3, 3]);
        using var i = tensor(ids, [2, 3]);
        using var m = tensor(mask, [2, 3]);

        using var sum = MaskedTokenLoss.Sum(l, i, m);

        static double Ce(double[] z, int target) => Math.Log(z.Sum(Math.Exp)) - z[target];
        var expected = Ce([1, 2, 3], 2) + Ce([0.5, -1, 2], 1) + Ce([3, 1, -2], 0);
        Assert.Equal(expected, sum.item<float>(), 5);
    }

    [Fact]
    public void Sum_rejects_mismatched_shapes()
    {
        using var l = zeros(2, 3, 5);
        using var i = zeros([2, 4], ScalarType.Int64);
        var error = Assert.Throws<ArgumentException>(() => MaskedTokenLoss.Sum(l, i, i));
        Assert.Contains("logits [2, 3, 5]", error.Message);
    }
}
