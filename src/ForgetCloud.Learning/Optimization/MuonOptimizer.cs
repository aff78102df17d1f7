using System.Globalization;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace ForgetCloud.Learning.Optimization;

/// <summary>
/// Muon (Keller Jordan's reference algorithm) for the 2-D matrices chosen by <see cref="MuonParameterSplit"/>, with an
/// auxiliary AdamW for every other parameter. Per Muon matrix W with gradient G and learning rate lr:
/// <code>
/// M = mu*M + G;  U = Nesterov ? G + mu*M : M;  O = NewtonSchulz(U)
/// W *= 1 - lr*wd;  W -= lr * scale * O,   scale = 0.2*sqrt(max(rows, cols))   (AdjustLrToMatchAdamW, default)
///                                                 or sqrt(max(1, rows/cols))   (reference scale)
/// </code>
/// The reference keeps M as an exponential average (lerp by 1-mu); that differs from the sum above by the constant
/// factor 1-mu, which the Frobenius normalization inside Newton-Schulz removes, so the updates agree.
/// State: <c>muon.momentum.&lt;param&gt;</c>, the auxiliary <c>adamw.exp_avg(_sq).&lt;param&gt;</c> (fp32 tensors),
/// <c>adamw.step.&lt;param&gt;</c> and <c>muon.step_count</c> (counters).
/// </summary>
public sealed class MuonOptimizer : ITrainingOptimizer
{
    public const string OptimizerName = "muon";
    public const string StepCountKey = "muon.step_count";
    public const string MomentumPrefix = "muon.momentum.";

    private readonly IReadOnlyList<(string Name, Parameter Parameter)> _parameters;
    private readonly List<MatrixEntry> _matrices = [];
    private readonly AdamWParameterGroup _auxiliary;

    public MuonOptimizer(IReadOnlyList<(string Name, Parameter Parameter)> parameters, MuonOptions options)
    {
        TrainableParameterList.Validate(parameters);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        Options = options;
        _parameters = parameters.ToArray();

        var assignments = new List<ParameterAssignment>();
        var auxiliary = new List<(string Name, Parameter Parameter)>();
        foreach (var (name, parameter) in _parameters)
        {
            var rule = MuonParameterSplit.RuleFor(name, parameter.shape, options.LoraFactors);
            assignments.Add(new ParameterAssignment(name, parameter.shape, rule));
            if (rule == OptimizerUpdateRule.Muon)
            {
                _matrices.Add(new MatrixEntry(name, parameter, TrainableParameterList.NewFp32State(parameter)));
            }
            else
            {
                auxiliary.Add((name, parameter));
            }
        }

        if (_matrices.Count == 0)
        {
            // Running pure AdamW under the name "muon" would silently corrupt an optimizer comparison.
            throw new ArgumentException(
                "Muon was selected but none of the trainable parameters is a 2-D hidden matrix (all are embeddings, " +
                $"the head, or non-2-D): {string.Join(", ", assignments)}.",
                nameof(parameters));
        }

        _auxiliary = new AdamWParameterGroup(auxiliary, options.AuxiliaryAdamW);
        Assignments = assignments;
        ConfigurationNotices = options.OriginalFrameworkMu is { } mu
            ? [string.Create(CultureInfo.InvariantCulture,
                $"muon.mu = {mu} is accepted for compatibility with the original framework's config but has no counterpart in Muon; it is ignored (Muon's momentum is {options.Momentum}).")]
            : [];
    }

    public MuonOptions Options { get; }

    public string Name => OptimizerName;

    public IReadOnlyList<ParameterAssignment> Assignments { get; }

    public IReadOnlyList<string> ConfigurationNotices { get; }

    public long StepCount { get; private set; }

    /// <summary>The factor that multiplies lr for an orthogonalized update of a rows x cols matrix.</summary>
    public static double UpdateScale(long rows, long cols, bool adjustLrToMatchAdamW)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(rows, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(cols, 1);
        return adjustLrToMatchAdamW
            ? 0.2 * Math.Sqrt(Math.Max(rows, cols))
            : Math.Sqrt(Math.Max(1.0, (double)rows / cols));
    }

    /// <summary>Muon matrices without a gradient are skipped (no momentum, no decay), as for AdamW.</summary>
    public void Step(double learningRate)
    {
        OptionChecks.LearningRate(learningRate);
        foreach (var matrix in _matrices)
        {
            using var scope = NewDisposeScope();
            using var noGrad = no_grad();
            var rawGrad = matrix.Parameter.grad;
            if (rawGrad is null)
            {
                continue;
            }

            var grad = rawGrad.to(ScalarType.Float32);
            matrix.Momentum.mul_(Options.Momentum).add_(grad);
            var update = Options.Nesterov ? grad.add(matrix.Momentum, Options.Momentum) : matrix.Momentum;
            var orthogonal = NewtonSchulz.Orthogonalize(update, Options.NewtonSchulzSteps);
            var scale = UpdateScale(matrix.Parameter.shape[0], matrix.Parameter.shape[1], Options.AdjustLrToMatchAdamW);

            var isFp32 = matrix.Parameter.dtype == ScalarType.Float32;
            var weights = isFp32 ? matrix.Parameter : matrix.Parameter.to(ScalarType.Float32);
            weights.mul_(1 - learningRate * Options.WeightDecay);
            weights.add_(orthogonal, -learningRate * scale);
            if (!isFp32)
            {
                matrix.Parameter.copy_(weights);
            }
        }

        _auxiliary.Update(learningRate);
        StepCount++;
    }

    public void ZeroGrad() => GradientReset.SetToNone(_parameters);

    public TrainingOptimizerState ExportState()
    {
        var counters = new Dictionary<string, long>(StringComparer.Ordinal) { [StepCountKey] = StepCount };
        _auxiliary.AddCounters(counters);
        return OptimizerStateTransfer.Export(OptimizerName, LiveTensors(), counters);
    }

    public void ImportState(TrainingOptimizerState state)
    {
        var counterNames = _auxiliary.CounterNames.Append(StepCountKey).ToHashSet(StringComparer.Ordinal);
        OptimizerStateTransfer.Import(OptimizerName, state, LiveTensors(), counterNames);
        _auxiliary.RestoreCounters(state.Counters);
        StepCount = state.Counters[StepCountKey];
    }

    public void Dispose()
    {
        foreach (var matrix in _matrices)
        {
            matrix.Momentum.Dispose();
        }

        _auxiliary.Dispose();
    }

    private Dictionary<string, Tensor> LiveTensors()
    {
        var tensors = _matrices.ToDictionary(m => MomentumPrefix + m.Name, m => m.Momentum, StringComparer.Ordinal);
        _auxiliary.AddLiveTensors(tensors);
        return tensors;
    }

    private sealed record MatrixEntry(string Name, Parameter Parameter, Tensor Momentum);
}
