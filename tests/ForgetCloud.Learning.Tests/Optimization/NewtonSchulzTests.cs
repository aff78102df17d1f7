using ForgetCloud.Learning.Optimization;
using static TorchSharp.torch;

namespace ForgetCloud.Learning.Tests.Optimization;

public class NewtonSchulzTests
{
    // Scanning the scalar map f⁵(x), f(x) = 3.4445x - 4.7750x³ + 2.0315x⁵, over x in [0.01, 1] gives
    // [0.6818, 1.1344]: where every singular value of a Frobenius-normalized input ≥ 0.01 must land.
    private const double BandLow = 0.68;
    private const double BandHigh = 1.135;

    [Theory]
    [InlineData(16, 256)]
    [InlineData(256, 48)]
    [InlineData(64, 64)]
    public void SingularValuesAreTheScalarQuinticAppliedFiveTimes(int rows, int cols)
    {
        using var scope = NewDisposeScope();
        var input = TestTensors.ToTensor(TestTensors.RandomMatrix(rows, cols, seed: rows + cols));
        var output = NewtonSchulz.Orthogonalize(input);
        Assert.Equal(input.shape, output.shape);

        var inputSingular = TestTensors.ToVector(linalg.svdvals(input.to(ScalarType.Float64)));
        var frobenius = Math.Sqrt(inputSingular.Sum(s => s * s));
        var expected = inputSingular.Select(s => QuinticFiveTimes(s / (frobenius + 1e-7))).Order().ToArray();
        var actual = TestTensors.ToVector(linalg.svdvals(output.to(ScalarType.Float64))).Order().ToArray();
        TestTensors.AssertClose(expected, actual, 2e-3);
    }

    [Theory]
    [InlineData(16, 256)]
    [InlineData(256, 48)]
    public void SingularValuesLieInTheQuinticBand(int rows, int cols)
    {
        using var scope = NewDisposeScope();
        var input = TestTensors.ToTensor(TestTensors.RandomMatrix(rows, cols, seed: 3 * rows + cols));
        var normalized = linalg.svdvals(input) / input.norm();
        Assert.True(normalized.min().item<float>() >= 0.01f, "precondition: well-conditioned input");

        var singular = TestTensors.ToVector(linalg.svdvals(NewtonSchulz.Orthogonalize(input)));
        Assert.All(singular, s => Assert.InRange(s, BandLow, BandHigh));
    }

    [Fact]
    public void TallMatrixIsTheTransposeOfItsWideTwin()
    {
        using var scope = NewDisposeScope();
        var tall = TestTensors.ToTensor(TestTensors.RandomMatrix(12, 5, seed: 9));
        var fromTall = NewtonSchulz.Orthogonalize(tall);
        var fromWide = NewtonSchulz.Orthogonalize(tall.t().contiguous()).t();
        Assert.True(allclose(fromTall, fromWide, rtol: 0, atol: 1e-6));
        TestTensors.AssertClose(MuonReference.NewtonSchulz(TestTensors.ToMatrix(tall), 5), TestTensors.ToMatrix(fromTall), 1e-5);
    }

    [Fact]
    public void ZeroMatrixStaysZeroAndNonMatricesAreRejected()
    {
        using var scope = NewDisposeScope();
        Assert.Equal(0f, NewtonSchulz.Orthogonalize(zeros(3, 4)).abs().max().item<float>());
        Assert.Contains("2-D", Assert.Throws<ArgumentException>(() => NewtonSchulz.Orthogonalize(zeros(2, 3, 4))).Message);
    }

    private static double QuinticFiveTimes(double x)
    {
        for (var i = 0; i < 5; i++)
        {
            x = 3.4445 * x - 4.7750 * Math.Pow(x, 3) + 2.0315 * Math.Pow(x, 5); // the reference coefficients, written out
        }

        return x;
    }
}
