using TorchSharp.Modules;
using static TorchSharp.torch;

namespace ForgetCloud.Learning.Optimization;

/// <summary>
/// AdamW over all given parameters, with the formulas of torch.optim.AdamW (bias correction, decoupled weight decay).
/// State: <c>adamw.exp_avg.&lt;param&gt;</c>, <c>adamw.exp_avg_sq.&lt;param&gt;</c> (fp32 tensors),
/// <c>adamw.step.&lt;param&gt;</c> and <c>adamw.step_count</c> (counters).
/// </summary>
public sealed class AdamWOptimizer : ITrainingOptimizer
{
    public const string OptimizerName = "adamw";
    public const string StepCountKey = "adamw.step_count";

    private readonly IReadOnlyList<(string Name, Parameter Parameter)> _parameters;
    private readonly AdamWParameterGroup _group;

    public AdamWOptimizer(IReadOnlyList<(string Name, Parameter Parameter)> parameters, AdamWOptions options)
    {
        TrainableParameterList.Validate(parameters);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        Options = options;
        _parameters = parameters.ToArray();
        _group = new AdamWParameterGroup(_parameters, options);
        Assignments = _parameters
            .Select(p => new ParameterAssignment(p.Name, p.Parameter.shape, OptimizerUpdateRule.AdamW))
            .ToArray();
    }

    public AdamWOptions Options { get; }

    public string Name => OptimizerName;

    public IReadOnlyList<ParameterAssignment> Assignments { get; }

    public IReadOnlyList<string> ConfigurationNotices => [];

    public long StepCount { get; private set; }

    public void Step(double learningRate)
    {
        OptionChecks.LearningRate(learningRate);
        _group.Update(learningRate);
        StepCount++;
    }

    public void ZeroGrad() => GradientReset.SetToNone(_parameters);

    public TrainingOptimizerState ExportState()
    {
        var tensors = new Dictionary<string, Tensor>(StringComparer.Ordinal);
        _group.AddLiveTensors(tensors);
        var counters = new Dictionary<string, long>(StringComparer.Ordinal) { [StepCountKey] = StepCount };
        _group.AddCounters(counters);
        return OptimizerStateTransfer.Export(OptimizerName, tensors, counters);
    }

    public void ImportState(TrainingOptimizerState state)
    {
        var tensors = new Dictionary<string, Tensor>(StringComparer.Ordinal);
        _group.AddLiveTensors(tensors);
        var counterNames = _group.CounterNames.Append(StepCountKey).ToHashSet(StringComparer.Ordinal);
        OptimizerStateTransfer.Import(OptimizerName, state, tensors, counterNames);
        _group.RestoreCounters(state.Counters);
        StepCount = state.Counters[StepCountKey];
    }

    public void Dispose() => _group.Dispose();
}
