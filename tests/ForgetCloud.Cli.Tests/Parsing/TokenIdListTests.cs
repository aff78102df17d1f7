using ForgetCloud.Cli.Parsing;

namespace ForgetCloud.Cli.Tests.Parsing;

public sealed class TokenIdListTests
{
    [Theory]
    [InlineData("1,2,3", new[] { 1, 2, 3 })]
    [InlineData(" 10 , 0,7 ", new[] { 10, 0, 7 })]
    [InlineData("2147483647", new[] { int.MaxValue })]
    public void Parses_comma_separated_ids(string text, int[] expected)
    {
        Assert.Equal(expected, TokenIdList.TryParse(text, out var error));
        Assert.Null(error);
    }

    [Theory]
    [InlineData("", "--token-ids is empty")]
    [InlineData("1,2,", "element 3 ('') is empty")]
    [InlineData("1;2", "element 1 ('1;2') is not an integer")]
    [InlineData("+4", "element 1 ('+4') is not an integer")]
    [InlineData("3,-1", "element 2 ('-1') is negative")]
    [InlineData("2147483648", "element 1 ('2147483648') is too large")]
    [InlineData("0x10", "element 1 ('0x10') is not an integer")]
    public void Names_the_first_bad_element(string text, string expected)
    {
        Assert.Null(TokenIdList.TryParse(text, out var error));
        Assert.Contains(expected, error);
    }
}
