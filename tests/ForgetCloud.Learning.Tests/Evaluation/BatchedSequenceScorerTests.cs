using ForgetCloud.Learning.Evaluation;
using ForgetCloud.Learning.Modeling;

namespace ForgetCloud.Learning.Tests.Evaluation;

public class BatchedSequenceScorerTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public void BatchedScoresEqualScoringEachSequenceAlone()
    {
        using var model = EvaluationFixtures.SmokeModel();
        var random = new Random(5);
        // Lengths 2..60, scored spans from one token to almost all; batch 3 mixes lengths inside every batch.
        var requests = Enumerable.Range(0, 10).Select(i =>
        {
            var length = 2 + (i * 7) % 59;
            var ids = Enumerable.Range(0, length).Select(_ => random.Next(0, 512)).ToArray();
            return new ScoringRequest(ids, 1 + (i * 3) % (length - 1));
        }).ToList();

        var batched = BatchedSequenceScorer.Score(model, requests, batchSize: 3, padTokenId: 0, cancellationToken: Ct);

        for (var i = 0; i < requests.Count; i++)
        {
            var alone = SequenceScorer.Score(model, requests[i].TokenIds);
            // LogProbs[k] is log p(token k + 1): the scored tokens start at ScoreFrom.
            var expected = alone.LogProbs.Skip(requests[i].ScoreFrom - 1).Sum();
            Assert.Equal(requests[i].ScoredTokens, batched[i].Tokens);
            Assert.Equal(expected, batched[i].LogLikelihood, 1e-4);
            Assert.Equal(-expected, batched[i].NllSum, 1e-4);
        }
    }

    [Fact]
    public void ReportsEveryBatchAndChecksItsInput()
    {
        using var model = EvaluationFixtures.SmokeModel();
        var requests = Enumerable.Range(0, 7).Select(i => new ScoringRequest([1, 2, 3 + i], 1)).ToList();
        var batches = new List<int>();
        BatchedSequenceScorer.Score(model, requests, 3, 0, batches.Add, Ct);
        Assert.Equal([3, 3, 1], batches);

        Assert.Throws<ArgumentException>(() => BatchedSequenceScorer.Score(model, [new ScoringRequest([1, 2], 0)], 3, 0, cancellationToken: Ct));
        Assert.Throws<ArgumentException>(() => BatchedSequenceScorer.Score(model, [new ScoringRequest([1, 2], 2)], 3, 0, cancellationToken: Ct));
        Assert.Throws<ArgumentException>(() => BatchedSequenceScorer.Score(model, [new ScoringRequest([1, 512], 1)], 3, 0, cancellationToken: Ct));
        Assert.Throws<ArgumentException>(() => BatchedSequenceScorer.Score(model, requests, 0, 0, cancellationToken: Ct));
        Assert.Throws<ArgumentException>(() => BatchedSequenceScorer.Score(model, requests, 3, 512, cancellationToken: Ct));
    }

    [Fact]
    public void StopsBetweenBatchesWhenCancelled()
    {
        using var model = EvaluationFixtures.SmokeModel();
        var requests = Enumerable.Range(0, 6).Select(i => new ScoringRequest([1, 2, 3 + i], 1)).ToList();
        using var cancellation = new CancellationTokenSource();
        var batches = 0;
        Assert.Throws<OperationCanceledException>(() => BatchedSequenceScorer.Score(
            model, requests, 2, 0, _ => { if (++batches == 1) cancellation.Cancel(); }, cancellation.Token));
        Assert.Equal(1, batches);
    }
}
