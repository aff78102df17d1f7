using ForgetCloud.Learning.Data;
using ForgetCloud.Learning.Modeling;

namespace ForgetCloud.Learning.Evaluation;

/// <summary>
/// Measures a <see cref="CurvePoint"/> on the first N items of each test set during training. The requests are built
/// once, so every point scores the same tokens; scoring runs in eval mode under inference mode and draws no random
/// numbers, so measuring does not change what training does next.
/// </summary>
public sealed class ForgettingCurveProbe
{
    private readonly ScoringRequest[] _gsm8k;
    private readonly ScoringRequest[] _aquaRat;
    private readonly int _batchSize;
    private readonly int _padTokenId;

    public ForgettingCurveProbe(
        GoldTargetRequests targets,
        IReadOnlyList<Gsm8kExample> gsm8k,
        IReadOnlyList<AquaRatExample> aquaRat,
        int examples,
        int batchSize,
        int padTokenId)
    {
        ArgumentNullException.ThrowIfNull(targets);
        ArgumentNullException.ThrowIfNull(gsm8k);
        ArgumentNullException.ThrowIfNull(aquaRat);
        ArgumentOutOfRangeException.ThrowIfLessThan(examples, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        if (gsm8k.Count == 0 || aquaRat.Count == 0) throw new ArgumentException("forgetting curves need items of both test sets");
        _gsm8k = [.. gsm8k.Take(examples).Select(e => targets.Gsm8k(e))];
        _aquaRat = [.. aquaRat.Take(examples).Select(e => targets.AquaRat(e))];
        _batchSize = batchSize;
        _padTokenId = padTokenId;
    }

    /// <summary>GSM8K items per point (fewer than asked when the test set is smaller).</summary>
    public int Gsm8kItems => _gsm8k.Length;

    /// <summary>AQUA-RAT items per point.</summary>
    public int AquaRatItems => _aquaRat.Length;

    public CurvePoint Measure(LlamaForCausalLM model) => new(MeanNll(model, _gsm8k), MeanNll(model, _aquaRat));

    private double MeanNll(LlamaForCausalLM model, ScoringRequest[] requests)
    {
        var scores = BatchedSequenceScorer.Score(model, requests, _batchSize, _padTokenId);
        return scores.Sum(s => s.NllSum) / scores.Sum(s => s.Tokens);
    }
}
