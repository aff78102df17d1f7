using ForgetCloud.Contracts;

namespace ForgetCloud.Contracts.Tests;

public sealed class NameSuggestionTests
{
    [Theory]
    [InlineData("kitten", "sitting", 3)]
    [InlineData("", "abc", 3)]
    [InlineData("smoke", "smoke", 0)]
    [InlineData("smkoe", "smoke", 1)] // one adjacent transposition
    [InlineData("flaw", "lawn", 2)]
    public void Edit_distance_matches_hand_counts(string a, string b, int distance)
    {
        Assert.Equal(distance, NameSuggestion.EditDistance(a, b));
        Assert.Equal(distance, NameSuggestion.EditDistance(b, a));
    }

    [Theory]
    [InlineData("smok", "smoke")]
    [InlineData("SMOKE1", "smoke")]
    [InlineData("tny", "tiny")]
    [InlineData("llama", null)]
    [InlineData("gpt2", null)]
    public void Suggests_only_close_names(string typed, string? expected) =>
        Assert.Equal(expected, NameSuggestion.Nearest(typed, ["smoke", "tiny"]));
}
