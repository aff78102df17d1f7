namespace ForgetCloud.Learning.Tests.Optimization;

/// <summary>
/// Muon written out on double[,] with explicit loops, sharing no code with the optimizer: momentum, Nesterov,
/// quintic Newton-Schulz on the Frobenius-normalized update (transposed when tall), scale, decoupled weight decay.
/// </summary>
internal sealed class MuonReference(double[,] weights, double momentum, bool nesterov, double weightDecay, bool adjustLr)
{
    private const double A = 3.4445, B = -4.7750, C = 2.0315;

    private readonly double[,] _buffer = new double[weights.GetLength(0), weights.GetLength(1)];

    public double[,] Weights { get; } = (double[,])weights.Clone();

    public void Step(double[,] gradient, double learningRate)
    {
        var rows = Weights.GetLength(0);
        var cols = Weights.GetLength(1);
        var update = new double[rows, cols];
        for (var i = 0; i < rows; i++)
        {
            for (var j = 0; j < cols; j++)
            {
                _buffer[i, j] = momentum * _buffer[i, j] + gradient[i, j];
                update[i, j] = nesterov ? gradient[i, j] + momentum * _buffer[i, j] : _buffer[i, j];
            }
        }

        var orthogonal = NewtonSchulz(update, 5);
        var scale = adjustLr ? 0.2 * Math.Sqrt(Math.Max(rows, cols)) : Math.Sqrt(Math.Max(1.0, rows / (double)cols));
        for (var i = 0; i < rows; i++)
        {
            for (var j = 0; j < cols; j++)
            {
                Weights[i, j] = Weights[i, j] * (1 - learningRate * weightDecay) - learningRate * scale * orthogonal[i, j];
            }
        }
    }

    public static double[,] NewtonSchulz(double[,] g, int steps)
    {
        var tall = g.GetLength(0) > g.GetLength(1);
        var x = tall ? Transpose(g) : (double[,])g.Clone();
        var norm = 0.0;
        foreach (var value in x)
        {
            norm += value * value;
        }

        x = Scale(x, 1 / (Math.Sqrt(norm) + 1e-7));
        for (var step = 0; step < steps; step++)
        {
            var gram = Multiply(x, Transpose(x));
            var poly = Add(Scale(gram, B), Scale(Multiply(gram, gram), C));
            x = Add(Scale(x, A), Multiply(poly, x));
        }

        return tall ? Transpose(x) : x;
    }

    public static double[,] Multiply(double[,] left, double[,] right)
    {
        var n = left.GetLength(0);
        var k = left.GetLength(1);
        var m = right.GetLength(1);
        var result = new double[n, m];
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j < m; j++)
            {
                var sum = 0.0;
                for (var l = 0; l < k; l++)
                {
                    sum += left[i, l] * right[l, j];
                }

                result[i, j] = sum;
            }
        }

        return result;
    }

    public static double[,] Transpose(double[,] matrix)
    {
        var result = new double[matrix.GetLength(1), matrix.GetLength(0)];
        for (var i = 0; i < matrix.GetLength(0); i++)
        {
            for (var j = 0; j < matrix.GetLength(1); j++)
            {
                result[j, i] = matrix[i, j];
            }
        }

        return result;
    }

    private static double[,] Scale(double[,] matrix, double factor)
    {
        var result = (double[,])matrix.Clone();
        for (var i = 0; i < matrix.GetLength(0); i++)
        {
            for (var j = 0; j < matrix.GetLength(1); j++)
            {
                result[i, j] *= factor;
            }
        }

        return result;
    }

    private static double[,] Add(double[,] left, double[,] right)
    {
        var result = (double[,])left.Clone();
        for (var i = 0; i < left.GetLength(0); i++)
        {
            for (var j = 0; j < left.GetLength(1); j++)
            {
                result[i, j] += right[i, j];
            }
        }

        return result;
    }
}
