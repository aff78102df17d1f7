using ForgetCloud.Cli.Output;

namespace ForgetCloud.Cli.Tests.Output;

public sealed class TokenTextTests
{
    [Theory]
    [InlineData(" the", "\" the\"")]
    [InlineData("a\nb", "\"a\\nb\"")]
    [InlineData("\t\r", "\"\\t\\r\"")]
    [InlineData("say \"x\"", "\"say \\\"x\\\"\"")]
    [InlineData("back\\slash", "\"back\\\\slash\"")]
    [InlineData("\u0007", "\"\\u0007\"")]
    [InlineData("\u200B", "\"\\u200B\"")]
    [InlineData("é", "\"é\"")]
    public void Escapes_control_and_quote_characters(string piece, string expected) =>
        Assert.Equal(expected, TokenText.Escape(piece));

    [Fact]
    public void Long_pieces_are_cut_to_the_cap_with_an_ellipsis()
    {
        var escaped = TokenText.Escape(new string('x', 40), maxLength: 10);
        Assert.Equal("\"xxxxxxx…\"", escaped);
        Assert.Equal(10, escaped.Length);
        Assert.Equal("\"xxxxxxxx\"", TokenText.Escape("xxxxxxxx", maxLength: 10)); // exactly fits
    }

    [Fact]
    public void A_cut_never_splits_a_surrogate_pair()
    {
        var escaped = TokenText.Escape("abcdef😀😀", maxLength: 10);
        Assert.Equal("\"abcdef…\"", escaped);
    }
}
