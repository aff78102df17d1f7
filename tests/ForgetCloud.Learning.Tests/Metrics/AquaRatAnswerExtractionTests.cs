using ForgetCloud.Learning.Metrics;

namespace ForgetCloud.Learning.Tests.Metrics;

public sealed class AquaRatAnswerExtractionTests
{
    [Theory]
    // the forms AQUA-RAT rationales end with
    [InlineData("Speed in miles/minutes = 60 * 540 = 32400\nCorrect answer - A", "A")]
    [InlineData("x = 250 m. Answer D", "D")]
    [InlineData("So it takes 5(1 + √3) minutes.\nAnswer : A", "A")]
    [InlineData("ANSWER:C", "C")]
    [InlineData("The answer is (B).", "B")]
    [InlineData("the answer is E", "E")]
    [InlineData("Answer: option C", "C")]
    [InlineData("Answer: A)32400", "A")]
    [InlineData("#### C", "C")]
    // the last statement wins (the model's final word)
    [InlineData("Answer: B? No, recompute: the answer is D", "D")]
    // a leading option marker
    [InlineData("C) 600", "C")]
    [InlineData("(D) because 4 * 5 = 20", "D")]
    [InlineData("  B. It is 18", "B")]
    [InlineData("E", "E")]
    public void ExtractLetter_finds_the_committed_option(string generation, string expected) =>
        Assert.Equal(expected, AquaRatAnswerExtraction.ExtractLetter(generation));

    [Theory]
    [InlineData("A car travels 60 km in an hour.")] // article "A", not an option
    [InlineData("the answer is a number")] // lower-case "a" is a word
    [InlineData("Answer is Bob")] // letter followed by a letter
    [InlineData("The value is 42")]
    [InlineData("F) 12")] // not an option letter
    [InlineData("")]
    public void ExtractLetter_returns_null_without_an_answer(string generation) =>
        Assert.Null(AquaRatAnswerExtraction.ExtractLetter(generation));

    [Fact]
    public void ParseGoldLetter_accepts_A_to_E_and_rejects_others()
    {
        Assert.Equal("C", AquaRatAnswerExtraction.ParseGoldLetter("C\n"));
        var error = Assert.Throws<ArgumentException>(() => AquaRatAnswerExtraction.ParseGoldLetter("F"));
        Assert.Contains("'F'", error.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => AquaRatAnswerExtraction.ParseGoldLetter("c"));
    }

    [Fact]
    public void IndexOf_maps_letters_to_positions()
    {
        Assert.Equal(0, AquaRatAnswerExtraction.IndexOf("A"));
        Assert.Equal(4, AquaRatAnswerExtraction.IndexOf("E"));
        Assert.Throws<ArgumentException>(() => AquaRatAnswerExtraction.IndexOf("Z"));
    }
}
