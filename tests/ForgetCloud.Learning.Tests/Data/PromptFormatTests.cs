using ForgetCloud.Learning.Tests.TestSupport;
using ForgetCloud.Learning.Data;

namespace ForgetCloud.Learning.Tests.Data;

public class PromptFormatTests
{
    [Fact]
    public void Gsm8kRendersTheFirstTestExampleExactly()
    {
        var first = Gsm8kReader.ReadFile(Path.Combine(TestPaths.SharedData, "gsm8k", "test.jsonl"), "test")[0];
        var rendered = Gsm8kPromptFormat.Render(first);
        Assert.Equal(
            "Question: Janet\u2019s ducks lay 16 eggs per day. She eats three for breakfast every morning and bakes " +
            "muffins for her friends every day with four. She sells the remainder at the farmers' market daily for $2 " +
            "per fresh duck egg. How much in dollars does she make every day at the farmers' market?\nAnswer:",
            rendered.Prompt);
        Assert.Equal(
            " Janet sells 16 - 3 - 4 = <<16-3-4=9>>9 duck eggs a day.\n" +
            "She makes 9 * 2 = $<<9*2=18>>18 every day at the farmer\u2019s market.\n#### 18",
            rendered.Target);
        Assert.Equal("18", rendered.Gold);
        Assert.Equal("gsm8k/test/0000", rendered.Id);
    }

    [Fact]
    public void AquaRatRendersOptionsAndEndsWithTheLetter()
    {
        var example = new AquaRatExample(
            "aqua_rat/dev/0007",
            " What is 2+3? ",
            [new('A', "4"), new('B', "5"), new('C', "6"), new('D', "$7"), new('E', "None of these")],
            "2+3=5\nAnswer: B\n",
            'B');
        var rendered = AquaRatPromptFormat.Render(example);
        Assert.Equal(
            "Question: What is 2+3?\nOptions:\nA) 4\nB) 5\nC) 6\nD) $7\nE) None of these\nAnswer:", rendered.Prompt);
        Assert.Equal(" 2+3=5\nAnswer: B\nThe answer is B.", rendered.Target);
        Assert.Equal("B", rendered.Gold);
        Assert.Equal(
            "Question: What is 2+3?\nOptions:\nA) 4\nB) 5\nC) 6\nD) $7\nE) None of these\nAnswer: The answer is",
            AquaRatPromptFormat.LetterScoringContext(example));
        Assert.Equal([" A", " B", " C", " D", " E"], example.Options.Select(o => AquaRatPromptFormat.LetterContinuation(o.Letter)));
    }

    [Fact]
    public void TheScoredLetterIsWhatTheTargetHoldsAfterTheCue()
    {
        // Training scores " 2+3=5\nThe answer is B." + EOS; the letter scorer asks for " B" right after the cue.
        var example = new AquaRatExample(
            "aqua_rat/dev/0001", "What is 2+3?",
            [new('A', "4"), new('B', "5"), new('C', "6"), new('D', "7"), new('E', "8")], "2+3=5", 'B');
        Assert.EndsWith("The answer is" + " B" + ".", AquaRatPromptFormat.Target(example));
        var tokenizer = ForgetCloud.Learning.Tokenization.Gpt2Tokenizers.Full();
        var target = tokenizer.Encode(AquaRatPromptFormat.Target(example));
        var letter = tokenizer.Encode(AquaRatPromptFormat.LetterContinuation('B'));
        var period = tokenizer.Encode(".");
        // BPE splits the target so that the letter's tokens stand alone before the final period.
        Assert.Equal([.. letter, .. period], target.TakeLast(letter.Count + period.Count));
    }

    [Theory]
    [InlineData("so x = 5.\nThe answer is C.", 'C')]
    [InlineData("The answer is A. No wait. The answer is (D).", 'D')]
    [InlineData("The answer is F.", null)]
    [InlineData("Answer : A", null)]
    public void AnswerLetterIsTheLastAnswerSentence(string generated, char? letter) =>
        Assert.Equal(letter, AquaRatPromptFormat.TryParseAnswerLetter(generated));

    [Fact]
    public void EveryRealAquaRatTargetEndsWithItsLetter()
    {
        var examples = AquaRatReader.ReadFile(Path.Combine(TestPaths.SharedData, "aqua_rat", "test.json"), "test");
        Assert.All(examples, e =>
            Assert.Equal(e.Correct, AquaRatPromptFormat.TryParseAnswerLetter(AquaRatPromptFormat.Target(e))));
    }
}
