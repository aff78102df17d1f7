using System.Text.Json.Serialization;

namespace ForgetCloud.Learning.Diagnostics;

/// <summary>
/// How far one projection's weight moved during one stage. <c>ΔW = W_end - W_start</c>; for a LoRA projection it is
/// the change of the merged delta, <c>scale (B A - B₀ A₀)</c>, and <c>W_start</c> is the base plus the adapter as the
/// stage found it.
/// </summary>
/// <param name="Layer">Decoder layer index.</param>
/// <param name="Projection">q_proj .. down_proj.</param>
/// <param name="StartNorm">Frobenius norm of <c>W_start</c>.</param>
/// <param name="DeltaNorm">Frobenius norm of <c>ΔW</c>.</param>
/// <param name="RelativeChange"><c>‖ΔW‖ / ‖W_start‖</c>.</param>
/// <param name="DeltaRms">Root mean square of <c>ΔW</c>'s entries, <c>‖ΔW‖ / sqrt(rows · columns)</c>: the stage's net
/// update per weight.</param>
/// <param name="TopSingularValue">Largest singular value of <c>ΔW</c> (its spectral norm).</param>
public sealed record ProjectionDrift(
    [property: JsonPropertyName("layer")] int Layer,
    [property: JsonPropertyName("projection")] string Projection,
    [property: JsonPropertyName("start_norm")] double StartNorm,
    [property: JsonPropertyName("delta_norm")] double DeltaNorm,
    [property: JsonPropertyName("relative_change")] double RelativeChange,
    [property: JsonPropertyName("delta_rms")] double DeltaRms,
    [property: JsonPropertyName("top_singular_value")] double TopSingularValue);
