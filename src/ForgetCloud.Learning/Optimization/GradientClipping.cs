using TorchSharp.Modules;
using static TorchSharp.torch;

namespace ForgetCloud.Learning.Optimization;

/// <summary>Global L2 gradient norm and clipping by it (torch.nn.utils.clip_grad_norm_ semantics, computed in fp32).</summary>
public static class GradientClipping
{
    /// <summary>Added to the norm in the clip coefficient, as torch does, so a norm of exactly max_norm is not divided by 0.</summary>
    public const double NormEpsilon = 1e-6;

    /// <summary>sqrt(sum over parameters with a gradient of ||grad||²); 0 when no parameter has a gradient.</summary>
    public static double GlobalNorm(IEnumerable<Parameter> parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var norms = parameters
            .Select(parameter => parameter.grad)
            .OfType<Tensor>()
            .Select(grad => grad.to(ScalarType.Float32).norm())
            .ToArray();
        return norms.Length == 0 ? 0.0 : stack(norms).norm().item<float>();
    }

    /// <summary>
    /// Scales every gradient by min(1, maxNorm / (norm + 1e-6)) and returns the norm before clipping. A non-finite
    /// norm leaves the gradients untouched and is returned as is, so the caller can stop the run with the evidence.
    /// </summary>
    public static double ClipByGlobalNorm(IEnumerable<Parameter> parameters, double maxNorm)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        OptionChecks.Positive(maxNorm, "max_grad_norm");
        var list = parameters.ToList();
        var norm = GlobalNorm(list);
        if (!double.IsFinite(norm))
        {
            return norm;
        }

        var coefficient = maxNorm / (norm + NormEpsilon);
        if (coefficient < 1)
        {
            using var scope = NewDisposeScope();
            using var noGrad = no_grad();
            foreach (var grad in list.Select(parameter => parameter.grad).OfType<Tensor>())
            {
                grad.mul_(coefficient);
            }
        }

        return norm;
    }
}
