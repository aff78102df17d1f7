using ForgetCloud.Learning.Metrics;

namespace ForgetCloud.Learning.Tests.Metrics;

public sealed class MultipleChoiceScoringTests
{
    [Fact]
    public void Acc_and_acc_norm_differ_when_a_long_option_has_a_lower_sum()
    {
        // raw: -4 > -6 -> option 0; per char: -4/2 = -2 < -6/12 = -0.5 -> option 1
        var result = MultipleChoiceScoring.Score([-4.0, -6.0], ["12", "123456789012"], goldIndex: 1);

        Assert.Equal(0, result.Predicted);
        Assert.Equal(1, result.PredictedNorm);
        Assert.Equal(1, result.PredictedBytes);
        Assert.False(result.Correct);
        Assert.True(result.CorrectNorm);
    }

    [Fact]
    public void Acc_norm_counts_characters_and_acc_bytes_counts_utf8_bytes()
    {
        // "√3": 2 characters, 4 UTF-8 bytes ("√" is 3 bytes); "ab": 2 and 2.
        // raw: -3 < -2.5 -> 1; per char: -1.5 < -1.25 -> 1; per byte: -0.75 > -1.25 -> 0
        var result = MultipleChoiceScoring.Score([-3.0, -2.5], ["√3", "ab"], goldIndex: 0);

        Assert.Equal(1, result.Predicted);
        Assert.Equal(1, result.PredictedNorm);
        Assert.Equal(0, result.PredictedBytes);
        Assert.True(result.CorrectBytes);
    }

    [Fact]
    public void Character_length_counts_code_points_like_python_len()
    {
        Assert.Equal(2, MultipleChoiceScoring.CharacterLength("\U0001D465y")); // math italic x is 2 UTF-16 units
        Assert.Equal(5, MultipleChoiceScoring.CharacterLength("A)600"));
    }

    [Fact]
    public void Ties_go_to_the_first_option_like_numpy_argmax()
    {
        var result = MultipleChoiceScoring.Score([-1.0, -1.0, -2.0], ["a", "b", "c"], goldIndex: 1);
        Assert.Equal(0, result.Predicted);
        Assert.Equal(0, result.PredictedNorm);
    }

    [Fact]
    public void Bad_inputs_throw()
    {
        Assert.Throws<ArgumentException>(() => MultipleChoiceScoring.Score([], [], 0));
        Assert.Throws<ArgumentException>(() => MultipleChoiceScoring.Score([-1.0], ["a", "b"], 0));
        Assert.Throws<ArgumentException>(() => MultipleChoiceScoring.Score([-1.0, double.NaN], ["a", "b"], 0));
        Assert.Throws<ArgumentException>(() => MultipleChoiceScoring.Score([-1.0, -2.0], ["a", ""], 0));
        var error = Assert.Throws<ArgumentException>(() => MultipleChoiceScoring.Score([-1.0, -2.0], ["a", "b"], 5));
        Assert.Contains("5", error.Message, StringComparison.Ordinal);
    }
}
