using ForgetCloud.Learning.Modeling;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace ForgetCloud.Learning.Training;

/// <summary>
/// The trainable parameters as the optimizer sees them, always fp32. A trainable model parameter that is already fp32
/// (every parameter of an fp32 model; LoRA factors in any model) is its own master. A trainable bf16/fp16 parameter
/// (full fine-tuning in bf16) gets an fp32 master copy: gradients of each micro-batch are added into the master's fp32
/// gradient, the optimizer updates the master, and the model gets the rounded copy back. TorchSharp has no autocast,
/// so this is mixed precision done by hand: bf16 compute, fp32 weights and optimizer state.
/// </summary>
public sealed class TrainableWeights : IDisposable
{
    private readonly List<Entry> _entries = [];

    public TrainableWeights(LlamaForCausalLM model)
    {
        foreach (var p in TrainableParameters.List(model))
        {
            if (p.Parameter.dtype == ScalarType.Float32)
            {
                _entries.Add(new Entry(p.Name, p.Parameter, p.Parameter));
                continue;
            }

            using var noGrad = no_grad();
            using var detached = p.Parameter.detach();
            var master = new Parameter(detached.to_type(ScalarType.Float32), requires_grad: true);
            _entries.Add(new Entry(p.Name, p.Parameter, master));
        }

        if (_entries.Count == 0) throw new InvalidOperationException("the model has no trainable parameters");
    }

    /// <summary>(name, fp32 master) in state-dict order: what the optimizer owns.</summary>
    public IReadOnlyList<(string Name, Parameter Parameter)> Masters => [.. _entries.Select(e => (e.Name, e.Master))];

    /// <summary>
    /// The fp32 value of a trainable model parameter: the parameter itself, or its master. A bf16 weight is the
    /// master rounded, and a stage's net change can be smaller than that rounding.
    /// </summary>
    public Tensor Fp32(Parameter parameter) =>
        _entries.FirstOrDefault(e => e.Model.Handle == parameter.Handle)?.Master
        ?? throw new ArgumentException("the parameter is not trainable", nameof(parameter));

    /// <summary>Total elements of the trainable weights.</summary>
    public long ElementCount => _entries.Sum(e => e.Master.numel());

    /// <summary>After a backward pass: moves low-precision model gradients into the fp32 masters' gradients.</summary>
    public void AccumulateGradients()
    {
        using var noGrad = no_grad();
        foreach (var e in _entries)
        {
            if (ReferenceEquals(e.Model, e.Master) || e.Model.grad is not { } grad) continue;
            var grad32 = grad.to_type(ScalarType.Float32);
            if (e.Master.grad is { } existing)
            {
                existing.add_(grad32);
                grad32.Dispose();
            }
            else
            {
                e.Master.grad = grad32.DetachFromDisposeScope();
            }

            e.Model.grad = null;
            grad.Dispose();
        }
    }

    /// <summary>After an optimizer step: copies the masters into the model's lower-precision weights.</summary>
    public void CopyMastersToModel()
    {
        using var noGrad = no_grad();
        foreach (var e in _entries.Where(e => !ReferenceEquals(e.Model, e.Master))) e.Model.copy_(e.Master);
    }

    public void Dispose()
    {
        foreach (var e in _entries.Where(e => !ReferenceEquals(e.Model, e.Master))) e.Master.Dispose();
    }

    private sealed record Entry(string Name, Parameter Model, Parameter Master);
}
