using ForgetCloud.Learning.Data;

namespace ForgetCloud.Learning.Tests.Data;

public class BatchTests
{
    [Fact]
    public void CollatePadsRightAndMasksByHand()
    {
        TokenizedExample[] examples =
        [
            new("a", [1, 10, 11, 20, 21, 2], PromptLength: 3, Truncated: false), // target at positions 3, 4, 5
            new("b", [1, 12, 22, 2], PromptLength: 2, Truncated: false),         // target at positions 2, 3
        ];
        var batch = Batch.Collate(new DataPosition(1, 4), examples, padTokenId: 0);
        Assert.Equal((2, 6), (batch.BatchSize, batch.SequenceLength));
        Assert.Equal([1, 10, 11, 20, 21, 2, /**/ 1, 12, 22, 2, 0, 0], batch.InputIds);
        Assert.Equal([1, 1, 1, 1, 1, 1, /**/ 1, 1, 1, 1, 0, 0], batch.AttentionMask);
        // Logits at t predict token t+1: row a scores predictions of positions 3,4,5 (t = 2,3,4), row b of 2,3 (t = 1,2).
        Assert.Equal([0, 0, 1, 1, 1, 0, /**/ 0, 1, 1, 0, 0, 0], batch.LabelMask);
        Assert.Equal(["a", "b"], batch.ExampleIds);
        Assert.Equal(new DataPosition(1, 4), batch.Position);
        Assert.Equal(10, batch.RealTokens);
        Assert.Equal(5, batch.ScoredTokens);
    }

    [Fact]
    public void ScoredTokensEqualAnswerLengths()
    {
        var tokenizer = new ExampleTokenizer(new CharTokenizer(), 64);
        TokenizedExample[] examples =
        [
            tokenizer.Tokenize(new("a", "Question: x\nAnswer:", " 12", "")),
            tokenizer.Tokenize(new("b", "Q", " a long answer", "")),
        ];
        var batch = Batch.Collate(DataPosition.Start, examples, CharTokenizer.Pad);
        Assert.Equal(examples.Sum(e => e.AnswerLength), batch.ScoredTokens);
    }

    [Fact]
    public void PositionRollsIntoTheNextEpoch()
    {
        Assert.Equal(new DataPosition(0, 1), DataPosition.Start.Next(3));
        Assert.Equal(new DataPosition(1, 0), new DataPosition(0, 2).Next(3));
    }
}
