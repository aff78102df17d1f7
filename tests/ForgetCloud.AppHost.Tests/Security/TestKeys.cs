namespace ForgetCloud.AppHost.Tests.Security;

/// <summary>Keys for the tests and their hashes, computed outside .NET (<c>printf %s KEY | sha256sum</c>).</summary>
public static class TestKeys
{
    public const string Key = "fc-test-key-0123456789";
    public const string KeyHash = "7fdfefc87edc726ac5aec023b32c30f8d5b95d041b05a2ddd66281c2cb3d8737";

    public const string OtherKey = "fc-other-key-9876543210";
    public const string OtherKeyHash = "3fbf85d155f48ebdaef6bf775f291b2d67b2140fd02fa8a0d597b46ec61e937d";

    /// <summary>A key with non-ASCII characters: hashed as UTF-8.</summary>
    public const string UnicodeKey = "clé-ünïcode";
    public const string UnicodeKeyHash = "12d5aec6471939c9aab2429d17a3d1f2f2d8c81398c34c8eba1e35f737fa89d6";
}
