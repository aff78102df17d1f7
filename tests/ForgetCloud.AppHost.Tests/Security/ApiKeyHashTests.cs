using ForgetCloud.Api.Security;

namespace ForgetCloud.AppHost.Tests.Security;

/// <summary>The API key hash: what operators configure (sha256sum of the key) and the constant-time check.</summary>
public sealed class ApiKeyHashTests
{
    [Theory]
    [InlineData(TestKeys.Key, TestKeys.KeyHash)]
    [InlineData(TestKeys.OtherKey, TestKeys.OtherKeyHash)]
    [InlineData(TestKeys.UnicodeKey, TestKeys.UnicodeKeyHash)]
    [InlineData("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")]
    public void The_hash_is_sha256sum_of_the_keys_utf8_bytes(string key, string expected) =>
        Assert.Equal(expected, ApiKeyHash.Compute(key));

    [Fact]
    public void A_key_matches_its_hash_in_any_position_and_nothing_else_matches()
    {
        byte[][] hashes = [ApiKeyHash.Parse(TestKeys.OtherKeyHash)!, ApiKeyHash.Parse(TestKeys.KeyHash.ToUpperInvariant())!];

        Assert.Equal(1, ApiKeyHash.Match(TestKeys.Key, hashes));
        Assert.Equal(0, ApiKeyHash.Match(TestKeys.OtherKey, hashes));
        Assert.Equal(-1, ApiKeyHash.Match(TestKeys.Key + " ", hashes));
        Assert.Equal(-1, ApiKeyHash.Match(TestKeys.KeyHash, hashes)); // the hash itself is no key
        Assert.Equal(-1, ApiKeyHash.Match("", hashes));
        Assert.Equal(-1, ApiKeyHash.Match(TestKeys.Key, []));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData(TestKeys.Key)]                                        // a plain key configured by mistake
    [InlineData("7fdfefc87edc726ac5aec023b32c30f8d5b95d041b05a2ddd66281c2cb3d873")]  // 63 characters
    [InlineData("zfdfefc87edc726ac5aec023b32c30f8d5b95d041b05a2ddd66281c2cb3d8737")] // not hex
    public void Anything_but_64_hex_characters_is_no_hash(string? text) => Assert.Null(ApiKeyHash.Parse(text));
}
