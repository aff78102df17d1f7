using ForgetCloud.Learning.Evaluation;

namespace ForgetCloud.Learning.Tests.Evaluation;

public class ContextWindowTests
{
    [Fact]
    public void PromptsThatFitAreKeptWhole()
    {
        Assert.Equal([1, 5, 6], ContextWindow.FitPrompt([1, 5, 6], bosTokenId: 1, maxLength: 3));
    }

    [Fact]
    public void LongPromptsLoseTheirOldestTokensButKeepBos()
    {
        Assert.Equal([1, 8, 9], ContextWindow.FitPrompt([1, 5, 6, 7, 8, 9], bosTokenId: 1, maxLength: 3));
        // No BOS (GPT-2): plain left truncation.
        Assert.Equal([7, 8, 9], ContextWindow.FitPrompt([5, 6, 7, 8, 9], bosTokenId: null, maxLength: 3));
        // One position left: the last prompt token predicts better than BOS alone.
        Assert.Equal([9], ContextWindow.FitPrompt([1, 5, 9], bosTokenId: 1, maxLength: 1));
        Assert.Throws<ArgumentException>(() => ContextWindow.FitPrompt([1, 2], null, 0));
    }

    [Fact]
    public void ScoredSequencesKeepTheWholeContinuationWhenItFits()
    {
        var fitted = ContextWindow.FitScored([1, 5, 6, 7], [20, 21], bosTokenId: 1, maxLength: 5);
        Assert.Equal([1, 6, 7, 20, 21], fitted.TokenIds);
        Assert.Equal(3, fitted.ScoreFrom);
        Assert.Equal(2, fitted.ScoredTokens);
    }

    [Fact]
    public void ContinuationsLongerThanTheContextLoseTheirTail()
    {
        var fitted = ContextWindow.FitScored([1, 5], [20, 21, 22, 23], bosTokenId: 1, maxLength: 3);
        Assert.Equal([5, 20, 21], fitted.TokenIds);
        Assert.Equal(1, fitted.ScoreFrom);
        Assert.Throws<ArgumentException>(() => ContextWindow.FitScored([1], [], 1, 5));
    }
}
