using ForgetCloud.Learning.Tests.TestSupport;
using ForgetCloud.Learning.Data;

namespace ForgetCloud.Learning.Tests.Data;

public class ExampleTokenizerTests
{
    private static readonly RenderedExample Short = new("x/0", "Q:", " ab", "ab");

    private static int[] Chars(string s) => [.. s.Select(c => c + CharTokenizer.Offset)];

    [Fact]
    public void IdsAreBosPromptTargetEos()
    {
        var tokenized = new ExampleTokenizer(new CharTokenizer(), 100).Tokenize(Short);
        Assert.Equal([CharTokenizer.Bos, .. Chars("Q:"), .. Chars(" ab"), CharTokenizer.Eos], tokenized.InputIds);
        Assert.Equal(3, tokenized.PromptLength); // BOS, 'Q', ':'
        Assert.Equal(4, tokenized.AnswerLength); // ' ', 'a', 'b', EOS
        Assert.False(tokenized.Truncated);
    }

    [Fact]
    public void NoBosWhenTheTokenizerHasNone()
    {
        var tokenized = new ExampleTokenizer(new CharTokenizer(withBos: false), 100).Tokenize(Short);
        Assert.Equal([.. Chars("Q:"), .. Chars(" ab"), CharTokenizer.Eos], tokenized.InputIds);
        Assert.Equal(2, tokenized.PromptLength);
    }

    [Fact]
    public void LongTargetLosesItsTail()
    {
        // 3 prompt ids + 4 target ids = 7 > 5: keep the prompt and the first two target ids; EOS is cut.
        var tokenized = new ExampleTokenizer(new CharTokenizer(), 5).Tokenize(Short);
        Assert.Equal([CharTokenizer.Bos, .. Chars("Q:"), .. Chars(" a")], tokenized.InputIds);
        Assert.Equal(3, tokenized.PromptLength);
        Assert.True(tokenized.Truncated);
    }

    [Fact]
    public void LongPromptLosesItsHeadButKeepsBosAndOneTargetToken()
    {
        var example = new RenderedExample("x/1", "abcdefgh", " yz", "yz");
        var tokenized = new ExampleTokenizer(new CharTokenizer(), 5).Tokenize(example);
        Assert.Equal([CharTokenizer.Bos, .. Chars("fgh"), .. Chars(" ")], tokenized.InputIds);
        Assert.Equal(4, tokenized.PromptLength);
        Assert.Equal(1, tokenized.AnswerLength);
        Assert.True(tokenized.Truncated);
    }

    [Fact]
    public void SummaryCountsTruncation()
    {
        RenderedExample[] examples =
        [
            new("a", "Q:", " ab", ""),         // 1+2+3+1 = 7: fits 8
            new("b", "Q:", " abcdef", ""),     // 1+2+7+1 = 11: target cut to 5, 3 dropped
            new("c", "Question:", " a", ""),   // 1+9+2+1 = 13: prompt cut, 5 dropped
        ];
        var dataset = new ExampleTokenizer(new CharTokenizer(), 8).TokenizeAll(examples);
        Assert.Equal([7, 8, 8], dataset.Examples.Select(e => e.Length));
        Assert.Equal(new TokenizationSummary(
            Examples: 3, TruncatedExamples: 2, PromptTruncatedExamples: 1, Tokens: 23, AnswerTokens: 4 + 5 + 1,
            DroppedTokens: 3 + 5, MaxLength: 8, LongestExample: 13), dataset.Summary);
    }

    [Fact]
    public void RealGsm8kTokensMatchTheTextLengths()
    {
        var examples = Gsm8kReader.ReadFile(Path.Combine(TestPaths.SharedData, "gsm8k", "test.jsonl"), "test")
            .Select(Gsm8kPromptFormat.Render).ToList();
        var dataset = new ExampleTokenizer(new CharTokenizer(), 256).TokenizeAll(examples);
        var expectedTruncated = examples.Count(e => 1 + e.Prompt.Length + e.Target.Length + 1 > 256);
        Assert.Equal(expectedTruncated, dataset.Summary.TruncatedExamples);
        Assert.True(expectedTruncated > 0);
        Assert.Equal(examples.Max(e => e.Prompt.Length + e.Target.Length + 2), dataset.Summary.LongestExample);
        Assert.All(dataset.Examples, e => Assert.InRange(e.Length, 2, 256));
    }

    [Fact]
    public void MaxLengthBelowTwoIsRejected() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new ExampleTokenizer(new CharTokenizer(), 1));
}
