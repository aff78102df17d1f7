using TorchSharp.Modules;
using static TorchSharp.torch;

namespace ForgetCloud.Learning.Tests.Optimization;

/// <summary>Fixed inputs for optimizer tests: deterministic values from System.Random, independent of torch's RNG.</summary>
internal static class TestTensors
{
    public static double[,] RandomMatrix(int rows, int cols, int seed, double scale = 1.0)
    {
        var random = new Random(seed);
        var matrix = new double[rows, cols];
        for (var i = 0; i < rows; i++)
        {
            for (var j = 0; j < cols; j++)
            {
                // Sum of uniforms: roughly Gaussian, bounded, reproducible.
                matrix[i, j] = scale * (random.NextDouble() + random.NextDouble() + random.NextDouble() - 1.5);
            }
        }

        return matrix;
    }

    public static double[] RandomVector(int length, int seed, double scale = 1.0)
    {
        var matrix = RandomMatrix(1, length, seed, scale);
        return Enumerable.Range(0, length).Select(j => matrix[0, j]).ToArray();
    }

    /// <summary>The double values rounded to float, as the tensor holds them (so references start from identical inputs).</summary>
    public static double[,] RoundToFloat(double[,] matrix)
    {
        var result = (double[,])matrix.Clone();
        for (var i = 0; i < matrix.GetLength(0); i++)
        {
            for (var j = 0; j < matrix.GetLength(1); j++)
            {
                result[i, j] = (float)matrix[i, j];
            }
        }

        return result;
    }

    public static double[] RoundToFloat(double[] vector) => vector.Select(v => (double)(float)v).ToArray();

    public static Tensor ToTensor(double[,] matrix) =>
        tensor(matrix.Cast<double>().Select(v => (float)v).ToArray(), [matrix.GetLength(0), matrix.GetLength(1)]);

    public static Tensor ToTensor(double[] vector) => tensor(vector.Select(v => (float)v).ToArray());

    public static Parameter ToParameter(double[,] matrix) => new(ToTensor(matrix));

    public static Parameter ToParameter(double[] vector) => new(ToTensor(vector));

    public static double[,] ToMatrix(Tensor tensor)
    {
        var rows = (int)tensor.shape[0];
        var cols = (int)tensor.shape[1];
        var values = tensor.detach().to(ScalarType.Float64).contiguous().data<double>().ToArray();
        var matrix = new double[rows, cols];
        for (var i = 0; i < rows; i++)
        {
            for (var j = 0; j < cols; j++)
            {
                matrix[i, j] = values[i * cols + j];
            }
        }

        return matrix;
    }

    public static double[] ToVector(Tensor tensor) =>
        tensor.detach().to(ScalarType.Float64).contiguous().data<double>().ToArray();

    public static void AssertClose(double[,] expected, double[,] actual, double tolerance)
    {
        Assert.Equal(expected.GetLength(0), actual.GetLength(0));
        Assert.Equal(expected.GetLength(1), actual.GetLength(1));
        for (var i = 0; i < expected.GetLength(0); i++)
        {
            for (var j = 0; j < expected.GetLength(1); j++)
            {
                Assert.True(
                    Math.Abs(expected[i, j] - actual[i, j]) <= tolerance,
                    $"[{i},{j}]: expected {expected[i, j]:R}, actual {actual[i, j]:R} (tolerance {tolerance})");
            }
        }
    }

    public static void AssertClose(double[] expected, double[] actual, double tolerance)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (var i = 0; i < expected.Length; i++)
        {
            Assert.True(
                Math.Abs(expected[i] - actual[i]) <= tolerance,
                $"[{i}]: expected {expected[i]:R}, actual {actual[i]:R} (tolerance {tolerance})");
        }
    }
}
