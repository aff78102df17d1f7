using TorchSharp.Modules;
using static TorchSharp.torch;

namespace ForgetCloud.Learning.Optimization;

internal static class TrainableParameterList
{
    /// <summary>Rejects lists an optimizer cannot own: empty, unnamed or duplicate names, frozen or integer tensors.</summary>
    public static void Validate(IReadOnlyList<(string Name, Parameter Parameter)> parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        if (parameters.Count == 0)
        {
            throw new ArgumentException("The optimizer was given no parameters to train.", nameof(parameters));
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (name, parameter) in parameters)
        {
            if (string.IsNullOrWhiteSpace(name))
            {
                throw new ArgumentException("A trainable parameter has an empty name.", nameof(parameters));
            }

            if (!seen.Add(name))
            {
                throw new ArgumentException($"The parameter name '{name}' appears twice.", nameof(parameters));
            }

            ArgumentNullException.ThrowIfNull(parameter, name);
            if (!parameter.requires_grad)
            {
                throw new ArgumentException(
                    $"Parameter '{name}' does not require gradients: frozen weights must not be given to an optimizer.",
                    nameof(parameters));
            }

            if (!parameter.is_floating_point())
            {
                throw new ArgumentException(
                    $"Parameter '{name}' has dtype {parameter.dtype}; only floating-point parameters can be trained.",
                    nameof(parameters));
            }
        }
    }

    /// <summary>A float32 zero tensor shaped like <paramref name="parameter"/>, owned by the optimizer (outside any dispose scope).</summary>
    public static Tensor NewFp32State(Parameter parameter) =>
        zeros(parameter.shape, ScalarType.Float32, parameter.device).DetachFromDisposeScope();
}
