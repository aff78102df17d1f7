using static TorchSharp.torch;

namespace ForgetCloud.Learning.Optimization;

/// <summary>
/// Everything an optimizer needs to continue bit-exactly after a restart: fp32 tensors (safetensors-ready names such
/// as <c>adamw.exp_avg.&lt;param&gt;</c>, <c>muon.momentum.&lt;param&gt;</c>) and integer counters (JSON-ready,
/// such as <c>adamw.step.&lt;param&gt;</c>, <c>muon.step</c>).
/// </summary>
/// <remarks>
/// Tensors returned by <see cref="ITrainingOptimizer.ExportState"/> are copies owned by the caller: dispose the
/// state when saved. <see cref="ITrainingOptimizer.ImportState"/> copies values in and never keeps the tensors.
/// </remarks>
public sealed class TrainingOptimizerState(string optimizerName, Dictionary<string, Tensor> tensors, Dictionary<string, long> counters)
    : IDisposable
{
    /// <summary>The <see cref="ITrainingOptimizer.Name"/> of the optimizer that exported this state.</summary>
    public string OptimizerName { get; } = optimizerName;

    public Dictionary<string, Tensor> Tensors { get; } = tensors;

    public Dictionary<string, long> Counters { get; } = counters;

    public void Dispose()
    {
        foreach (var tensor in Tensors.Values)
        {
            tensor.Dispose();
        }
    }
}
