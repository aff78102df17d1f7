using TorchSharp.Modules;
using static TorchSharp.torch;

namespace ForgetCloud.Learning.Optimization;

/// <summary>
/// AdamW state and update for a set of parameters; used by <see cref="AdamWOptimizer"/> and as Muon's auxiliary AdamW.
/// The arithmetic follows torch.optim.AdamW (single-tensor path) operation by operation:
/// p *= 1 - lr*wd (only for parameters <see cref="WeightDecayPolicy"/> selects, unless DecayAllParameters);
/// m = lerp(m, g, 1-beta1); v = beta2*v + (1-beta2)*g*g;
/// p -= lr/(1-beta1^t) * m / (sqrt(v)/sqrt(1-beta2^t) + eps).
/// </summary>
internal sealed class AdamWParameterGroup : IDisposable
{
    public const string ExpAvgPrefix = "adamw.exp_avg.";
    public const string ExpAvgSqPrefix = "adamw.exp_avg_sq.";
    public const string StepPrefix = "adamw.step.";

    private readonly AdamWOptions _options;
    private readonly List<Entry> _entries = [];

    public AdamWParameterGroup(IEnumerable<(string Name, Parameter Parameter)> parameters, AdamWOptions options)
    {
        _options = options;
        foreach (var (name, parameter) in parameters)
        {
            var decays = options.DecayAllParameters || WeightDecayPolicy.Decays(name, parameter.shape);
            _entries.Add(new Entry(name, parameter, decays, TrainableParameterList.NewFp32State(parameter), TrainableParameterList.NewFp32State(parameter)));
        }
    }

    public void AddLiveTensors(IDictionary<string, Tensor> tensors)
    {
        foreach (var entry in _entries)
        {
            tensors.Add(ExpAvgPrefix + entry.Name, entry.ExpAvg);
            tensors.Add(ExpAvgSqPrefix + entry.Name, entry.ExpAvgSq);
        }
    }

    public void AddCounters(IDictionary<string, long> counters)
    {
        foreach (var entry in _entries)
        {
            counters.Add(StepPrefix + entry.Name, entry.Step);
        }
    }

    public IEnumerable<string> CounterNames => _entries.Select(entry => StepPrefix + entry.Name);

    /// <summary>Sets the per-parameter step counters from an already validated state.</summary>
    public void RestoreCounters(IReadOnlyDictionary<string, long> counters)
    {
        foreach (var entry in _entries)
        {
            entry.Step = counters[StepPrefix + entry.Name];
        }
    }

    /// <summary>Like torch, a parameter without a gradient is skipped entirely (no decay, no step count).</summary>
    public void Update(double learningRate)
    {
        foreach (var entry in _entries)
        {
            using var scope = NewDisposeScope();
            using var noGrad = no_grad();
            var rawGrad = entry.Parameter.grad;
            if (rawGrad is null)
            {
                continue;
            }

            entry.Step++;
            var grad = rawGrad.to(ScalarType.Float32);
            // Trainable parameters are fp32 by our rule; others are updated through an fp32 copy, never in low precision.
            var isFp32 = entry.Parameter.dtype == ScalarType.Float32;
            var weights = isFp32 ? entry.Parameter : entry.Parameter.to(ScalarType.Float32);

            if (entry.Decays) weights.mul_(1 - learningRate * _options.WeightDecay);
            entry.ExpAvg.lerp_(grad, 1 - _options.Beta1);
            entry.ExpAvgSq.mul_(_options.Beta2).addcmul_(grad, grad, 1 - _options.Beta2);
            var biasCorrection1 = 1 - Math.Pow(_options.Beta1, entry.Step);
            var biasCorrection2 = 1 - Math.Pow(_options.Beta2, entry.Step);
            var denominator = entry.ExpAvgSq.sqrt().div_(Math.Sqrt(biasCorrection2)).add_(_options.Epsilon);
            weights.addcdiv_(entry.ExpAvg, denominator, -learningRate / biasCorrection1);

            if (!isFp32)
            {
                entry.Parameter.copy_(weights);
            }
        }
    }

    public void Dispose()
    {
        foreach (var entry in _entries)
        {
            entry.ExpAvg.Dispose();
            entry.ExpAvgSq.Dispose();
        }
    }

    private sealed class Entry(string name, Parameter parameter, bool decays, Tensor expAvg, Tensor expAvgSq)
    {
        public string Name { get; } = name;
        public Parameter Parameter { get; } = parameter;
        public bool Decays { get; } = decays;
        public Tensor ExpAvg { get; } = expAvg;
        public Tensor ExpAvgSq { get; } = expAvgSq;
        public long Step { get; set; }
    }
}
