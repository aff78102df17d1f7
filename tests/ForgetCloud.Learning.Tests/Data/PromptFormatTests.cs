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
            [" 4", " 5", " 6", " $7", " None of these"],
            example.Options.Select(AquaRatPromptFormat.OptionContinuation));
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
