using ForgetCloud.Learning.Metrics;

namespace ForgetCloud.Learning.Tests.Metrics;

// Expected values follow lm-evaluation-harness gsm8k.yaml (v3.0) by hand: strict = first "#### (\-?[0-9\.\,]+)",
// flexible = last match of "(-?[$0-9.,]{2,})|(-?[0-9]+)", then remove ",", "$", "(?s).*#### ", "\.$" and lower-case.
public sealed class Gsm8kAnswerExtractionTests
{
    [Theory]
    // plain: both filters find 72
    [InlineData("Natalia sold 48/2 = 24 clips in May.\n#### 72", "#### 72", "72", "72", true, true)]
    // negative number: strict captures "-5"; flexible's first alternative needs 2 class chars after '-', so the
    // second alternative gives "-5"
    [InlineData("It drops by 5 degrees, so -5.\n#### -5", "x\n#### -5", "-5", "-5", true, true)]
    // commas are stripped before comparison on both sides
    [InlineData("She earns 1,234 dollars.\n#### 1,234", "y\n#### 1,234", "1,234", "1,234", true, true)]
    // dollar sign and trailing period: no "####" so strict fails; flexible "$18." -> "18." -> "18"
    [InlineData("The total is $18.", "#### 18", Gsm8kAnswerExtraction.InvalidAnswer, "$18.", false, true)]
    // trailing period inside the strict capture is stripped by "\.$"
    [InlineData("#### 42.", "#### 42", "42.", "42.", true, true)]
    // decimals compare as strings: "2.50" is not "2.5" (the harness does no numeric comparison)
    [InlineData("Each costs 2.50", "#### 2.5", Gsm8kAnswerExtraction.InvalidAnswer, "2.50", false, false)]
    // several numbers: strict takes the first "####", flexible the last number anywhere
    [InlineData("3 apples and 4 more make 7.\n#### 7\n\nQuestion: 12 eggs", "#### 7", "7", "12", true, false)]
    [InlineData("#### 5 then #### 6", "#### 5", "5", "6", true, false)]
    // "5," counts as one flexible token (two class characters); the last token is "15"
    [InlineData("He had 5, bought 10, now has 15", "#### 15", Gsm8kAnswerExtraction.InvalidAnswer, "15", false, true)]
    // "-$5": flexible keeps the sign, normalization drops "$"
    [InlineData("He lost -$5 overall", "#### -5", Gsm8kAnswerExtraction.InvalidAnswer, "-$5", false, true)]
    // strict needs a digit right after "#### ": "$5" does not qualify
    [InlineData("#### $5", "#### 5", Gsm8kAnswerExtraction.InvalidAnswer, "$5", false, true)]
    // no answer at all
    [InlineData("I do not know.", "#### 3", Gsm8kAnswerExtraction.InvalidAnswer, Gsm8kAnswerExtraction.InvalidAnswer, false, false)]
    [InlineData("", "#### 3", Gsm8kAnswerExtraction.InvalidAnswer, Gsm8kAnswerExtraction.InvalidAnswer, false, false)]
    public void Judge_matches_the_harness_filters(
        string generation, string answerField, string strict, string flexible, bool strictCorrect, bool flexibleCorrect)
    {
        var judgement = Gsm8kAnswerExtraction.Judge(generation, answerField);

        Assert.Equal(strict, judgement.StrictAnswer);
        Assert.Equal(flexible, judgement.FlexibleAnswer);
        Assert.Equal(strictCorrect, judgement.StrictCorrect);
        Assert.Equal(flexibleCorrect, judgement.FlexibleCorrect);
    }

    [Theory]
    [InlineData("$1,000.", "1000")]
    [InlineData("Step one.\nStep two #### 1,234", "1234")]
    [InlineData("#### 1 and then #### 2", "2")] // "(?s).*#### " is greedy: up to the LAST marker
    [InlineData("5.0.", "5.0")] // only one trailing period goes
    [InlineData("-3", "-3")]
    [InlineData(" 7 ", "7")]
    [InlineData("[invalid]", "[invalid]")]
    public void Normalize_applies_regexes_to_ignore_in_order(string input, string expected) =>
        Assert.Equal(expected, Gsm8kAnswerExtraction.Normalize(input));

    [Fact]
    public void GoldAnswer_is_the_normalized_number_after_the_marker()
    {
        const string answer = "Janet sells 16 - 3 - 4 = <<16-3-4=9>>9 duck eggs a day.\nShe makes 9 * 2 = $<<9*2=18>>18 every day.\n#### 18";
        Assert.Equal("18", Gsm8kAnswerExtraction.GoldAnswer(answer));
        Assert.Equal("1000", Gsm8kAnswerExtraction.GoldAnswer("text\n#### 1,000"));
    }

    [Fact]
    public void GoldAnswer_without_marker_throws_naming_the_value()
    {
        var error = Assert.Throws<ArgumentException>(() => Gsm8kAnswerExtraction.GoldAnswer("The answer is 18"));
        Assert.Contains("The answer is 18", error.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => Gsm8kAnswerExtraction.GoldAnswer("steps #### "));
    }

    [Fact]
    public void IsCorrect_compares_normalized_strings()
    {
        Assert.True(Gsm8kAnswerExtraction.IsCorrect("$1,000.", "#### 1000"));
        Assert.False(Gsm8kAnswerExtraction.IsCorrect("1000.5", "#### 1000"));
        Assert.False(Gsm8kAnswerExtraction.IsCorrect(Gsm8kAnswerExtraction.InvalidAnswer, "#### 1000"));
    }
}
