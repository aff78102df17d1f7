using ForgetCloud.Contracts.Configuration;

namespace ForgetCloud.Contracts.Tests.Configuration;

public class EditDistanceTests
{
    [Theory]
    [InlineData("", "", 0)]
    [InlineData("abc", "", 3)]
    [InlineData("kitten", "sitting", 3)]     // the textbook case: 2 substitutions + 1 insertion
    [InlineData("lerning_rate", "learning_rate", 1)]
    [InlineData("lora_rnak", "lora_rank", 1)] // one adjacent transposition
    [InlineData("ca", "abc", 3)]              // OSA (not full Damerau, which gives 2)
    public void DistanceMatchesHandCounts(string a, string b, int expected)
    {
        Assert.Equal(expected, NameSuggestion.EditDistance(a, b));
        Assert.Equal(expected, NameSuggestion.EditDistance(b, a));
    }

    [Fact]
    public void NearestRequiresAPlausibleTypo()
    {
        string[] keys = ["epochs", "batch_size", "learning_rate"];
        Assert.Equal("batch_size", NameSuggestion.Nearest("batchsize", keys));
        Assert.Equal("learning_rate", NameSuggestion.Nearest("Learning_Rate", keys));
        Assert.Null(NameSuggestion.Nearest("temperature", keys));
    }

    [Fact]
    public void WarmupStepsForRatioRoundsUpAndCapsAtTheTotal()
    {
        Assert.Equal(5, new StageConfig { WarmupSteps = null, WarmupRatio = 0.05 }.WarmupStepsFor(81)); // ceil(4.05)
        Assert.Equal(10, new StageConfig { WarmupSteps = 100 }.WarmupStepsFor(10));
        Assert.Equal(0, new StageConfig { WarmupSteps = null }.WarmupStepsFor(10));
    }
}
