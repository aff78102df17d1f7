using System.Globalization;
using ForgetCloud.Learning.Modeling;
using ForgetCloud.Learning.Training;
using static TorchSharp.torch;

namespace ForgetCloud.Learning.Diagnostics;

/// <summary>
/// Remembers what each trained projection looked like when the stage started, and measures how far it moved by the
/// end (<see cref="ProjectionDrift"/>). Captured after the stage's model setup and before a resume restores trained
/// weights, so a resumed stage still measures from its true start. A fully fine-tuned projection keeps a copy of its
/// weight (the model's size again in the projections); a LoRA projection keeps only its factors; frozen projections
/// keep nothing and are not reported.
/// </summary>
public sealed class WeightDrift : IDisposable
{
    /// <summary>Sketch width of the randomized range finder: exact for LoRA deltas of rank up to this.</summary>
    private const int SketchColumns = 16;

    /// <summary>Subspace iterations after the sketch (Halko, Martinsson and Tropp 2011, algorithm 4.4).</summary>
    private const int PowerIterations = 4;

    private readonly List<Reference> _references;

    private WeightDrift(List<Reference> references) => _references = references;

    public static WeightDrift Capture(LlamaForCausalLM model)
    {
        ArgumentNullException.ThrowIfNull(model);
        using var noGrad = no_grad();
        var references = new List<Reference>();
        foreach (var (path, kind, linear) in model.Projections())
        {
            // Paths are model.layers.{i}.{self_attn|mlp}.{kind}.
            var layer = int.Parse(path.Split('.')[2], CultureInfo.InvariantCulture);
            if (linear.Lora is { } lora)
            {
                references.Add(new Reference(layer, kind, linear, null, lora.A.Weight.detach().clone(), lora.B.Weight.detach().clone()));
            }
            else if (linear.FourBit is null && linear.Weight.requires_grad)
            {
                references.Add(new Reference(layer, kind, linear, linear.Weight.detach().clone(), null, null));
            }
        }

        return new WeightDrift(references);
    }

    /// <summary>Projections that are measured (the trained ones).</summary>
    public int Count => _references.Count;

    /// <summary>The drift of every trained projection, in layer order; a fully trained weight's end value is read from
    /// its fp32 master in <paramref name="weights"/>.</summary>
    public IReadOnlyList<ProjectionDrift> Measure(TrainableWeights weights)
    {
        ArgumentNullException.ThrowIfNull(weights);
        using var noGrad = no_grad();
        var result = new List<ProjectionDrift>(_references.Count);
        foreach (var r in _references)
        {
            using var scope = NewDisposeScope();
            var (start, delta) = StartAndDelta(r, weights);
            var deltaNorm = delta.norm().item<float>();
            var startNorm = start.norm().item<float>();
            result.Add(new ProjectionDrift(
                r.Layer, r.Kind, startNorm, deltaNorm, deltaNorm / startNorm,
                deltaNorm / Math.Sqrt(delta.shape[0] * delta.shape[1]), TopSingularValue(delta)));
        }

        return result;
    }

    /// <summary>A one-line summary for the training log.</summary>
    public static string Summary(IReadOnlyList<ProjectionDrift> drift) => drift.Count == 0
        ? "weight drift: no trained projections"
        : string.Create(CultureInfo.InvariantCulture,
            $"weight drift over {drift.Count} projections: relative change median {Median(drift.Select(d => d.RelativeChange))}, max {drift.Max(d => d.RelativeChange)}; top singular value of the change max {drift.Max(d => d.TopSingularValue)}");

    /// <summary>
    /// The largest singular value of <paramref name="matrix"/> by a randomized range finder with subspace iteration:
    /// exact (to rounding) when the rank is at most <see cref="SketchColumns"/>, as a LoRA delta's is; for a full-rank
    /// change a lower bound, 0.23 % low on a 128 x 128 Gaussian matrix (no spectral gap, the hardest case), at the cost
    /// of a few matrix products instead of an SVD.
    /// </summary>
    public static double TopSingularValue(Tensor matrix)
    {
        ArgumentNullException.ThrowIfNull(matrix);
        if (matrix.dim() != 2) throw new ArgumentException($"expected a matrix, got {matrix.dim()} dimensions");
        using var scope = NewDisposeScope();
        var m = matrix.to_type(ScalarType.Float64);
        var k = Math.Min(SketchColumns, Math.Min(m.shape[0], m.shape[1]));
        // A fixed generator: the measurement is reproducible and leaves the global random stream alone.
        var generator = new Generator(0x5eed, m.device);
        var omega = randn([m.shape[1], k], ScalarType.Float64, m.device, generator: generator);
        var q = linalg.qr(m.matmul(omega)).Q;
        for (var i = 0; i < PowerIterations; i++)
        {
            q = linalg.qr(m.t().matmul(q)).Q;
            q = linalg.qr(m.matmul(q)).Q;
        }

        return linalg.svdvals(q.t().matmul(m))[0].item<double>();
    }

    private static (Tensor Start, Tensor Delta) StartAndDelta(Reference r, TrainableWeights weights)
    {
        if (r.StartWeight is { } startWeight)
        {
            // The start copy is exact in the model's dtype: a bf16 weight's master begins as its fp32 value.
            var start = startWeight.to_type(ScalarType.Float32);
            return (start, weights.Fp32(r.Linear.Weight) - start);
        }

        var lora = r.Linear.Lora ?? throw new InvalidOperationException($"layer {r.Layer} {r.Kind}: its LoRA adapter was removed during the stage");
        var initial = Merged(r.StartA!, r.StartB!, lora.Scale);
        var current = Merged(lora.A.Weight, lora.B.Weight, lora.Scale);
        var baseWeight = r.Linear.FourBit is { } fourBit ? fourBit.Dequantize(ScalarType.Float32) : r.Linear.Weight.to_type(ScalarType.Float32);
        // A merged adapter is inside the weight already; the stage's start is base + the adapter it began with.
        var unmergedBase = lora.Merged ? baseWeight - current : baseWeight;
        return (unmergedBase + initial, current - initial);
    }

    private static Tensor Merged(Tensor a, Tensor b, double scale) =>
        b.to_type(ScalarType.Float32).matmul(a.to_type(ScalarType.Float32)) * scale;

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
    }

    public void Dispose()
    {
        foreach (var r in _references)
        {
            r.StartWeight?.Dispose();
            r.StartA?.Dispose();
            r.StartB?.Dispose();
        }
    }

    private sealed record Reference(int Layer, string Kind, LlamaLinear Linear, Tensor? StartWeight, Tensor? StartA, Tensor? StartB);
}
