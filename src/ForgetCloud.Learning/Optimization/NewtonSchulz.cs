using static TorchSharp.torch;

namespace ForgetCloud.Learning.Optimization;

/// <summary>
/// Muon's orthogonalization: the quintic Newton-Schulz iteration X &lt;- aX + b(XXᵀ)X + c(XXᵀ)²X on the
/// Frobenius-normalized matrix. Each singular value s of the normalized input maps to f⁵(s) with
/// f(x) = ax + bx³ + cx⁵: not exactly 1, but (for s ≳ 0.01) inside roughly [0.68, 1.13], which the reference
/// deems as good as the exact polar factor UVᵀ and far cheaper than an SVD.
/// </summary>
public static class NewtonSchulz
{
    public const double A = 3.4445;
    public const double B = -4.7750;
    public const double C = 2.0315;
    public const int DefaultSteps = 5;

    /// <summary>Added to the Frobenius norm so an all-zero update stays zero instead of dividing by zero.</summary>
    public const double NormalizationEpsilon = 1e-7;

    /// <summary>
    /// Returns a new fp32 matrix shaped like <paramref name="matrix"/>. Computed in fp32 (the reference uses bf16 on
    /// GPUs; on CPU fp32 is as fast for these sizes and keeps resumed runs bit-identical to uninterrupted ones).
    /// A tall matrix is transposed first so the Gram matrix XXᵀ is the smaller one.
    /// </summary>
    public static Tensor Orthogonalize(Tensor matrix, int steps = DefaultSteps)
    {
        ArgumentNullException.ThrowIfNull(matrix);
        if (matrix.dim() != 2)
        {
            throw new ArgumentException(
                $"Newton-Schulz orthogonalization needs a 2-D matrix; got shape [{string.Join(", ", matrix.shape)}].",
                nameof(matrix));
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(steps, 1);
        var transpose = matrix.shape[0] > matrix.shape[1];

        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var x = matrix.to(ScalarType.Float32);
        if (transpose)
        {
            x = x.t();
        }

        x = x / (x.norm() + NormalizationEpsilon);
        for (var i = 0; i < steps; i++)
        {
            var gram = x.matmul(x.t());
            var polynomial = gram * B + gram.matmul(gram) * C;
            x = x * A + polynomial.matmul(x);
        }

        if (transpose)
        {
            x = x.t();
        }

        return x.contiguous().MoveToOuterDisposeScope();
    }
}
