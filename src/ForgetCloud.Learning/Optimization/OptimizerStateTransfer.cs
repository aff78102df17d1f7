using static TorchSharp.torch;

namespace ForgetCloud.Learning.Optimization;

/// <summary>Export and validated import shared by the optimizers: state is a flat name -> tensor / counter map.</summary>
internal static class OptimizerStateTransfer
{
    public static TrainingOptimizerState Export(
        string optimizerName,
        IReadOnlyDictionary<string, Tensor> liveTensors,
        IReadOnlyDictionary<string, long> counters)
    {
        var tensors = new Dictionary<string, Tensor>(StringComparer.Ordinal);
        using (no_grad())
        {
            foreach (var (name, tensor) in liveTensors)
            {
                tensors[name] = tensor.detach().clone().DetachFromDisposeScope();
            }
        }

        return new TrainingOptimizerState(optimizerName, tensors, new Dictionary<string, long>(counters, StringComparer.Ordinal));
    }

    /// <summary>Checks everything before anything is copied, so a rejected state leaves the optimizer untouched.</summary>
    public static void Import(
        string optimizerName,
        TrainingOptimizerState state,
        IReadOnlyDictionary<string, Tensor> liveTensors,
        IReadOnlyCollection<string> counterNames)
    {
        ArgumentNullException.ThrowIfNull(state);
        var errors = new List<string>();
        if (state.OptimizerName != optimizerName)
        {
            errors.Add($"the state was saved by optimizer '{state.OptimizerName}', not '{optimizerName}'");
        }

        foreach (var name in liveTensors.Keys.Where(name => !state.Tensors.ContainsKey(name)))
        {
            errors.Add($"missing tensor '{name}'");
        }

        foreach (var name in state.Tensors.Keys.Where(name => !liveTensors.ContainsKey(name)))
        {
            errors.Add($"unexpected tensor '{name}' (no such parameter or state in this optimizer)");
        }

        foreach (var (name, live) in liveTensors)
        {
            if (!state.Tensors.TryGetValue(name, out var saved))
            {
                continue;
            }

            if (!saved.shape.SequenceEqual(live.shape))
            {
                errors.Add($"tensor '{name}' has shape [{string.Join(", ", saved.shape)}], expected [{string.Join(", ", live.shape)}]");
            }

            if (saved.dtype != live.dtype)
            {
                errors.Add($"tensor '{name}' has dtype {saved.dtype}, expected {live.dtype} (optimizer state is kept in float32)");
            }
        }

        foreach (var name in counterNames.Where(name => !state.Counters.ContainsKey(name)))
        {
            errors.Add($"missing counter '{name}'");
        }

        foreach (var (name, value) in state.Counters)
        {
            if (!counterNames.Contains(name))
            {
                errors.Add($"unexpected counter '{name}'");
            }
            else if (value < 0)
            {
                errors.Add($"counter '{name}' = {value} is negative");
            }
        }

        if (errors.Count > 0)
        {
            throw new InvalidDataException(
                $"Cannot import {optimizerName} optimizer state: {errors.Count} problem(s):{Environment.NewLine}  " +
                string.Join(Environment.NewLine + "  ", errors));
        }

        using (no_grad())
        {
            foreach (var (name, live) in liveTensors)
            {
                live.copy_(state.Tensors[name]);
            }
        }
    }
}
