using System.Security.Cryptography;
using System.Text;

namespace ForgetCloud.Api.Security;

/// <summary>
/// API keys are configured as the lowercase hex SHA-256 of the key's UTF-8 bytes (<c>printf %s "$KEY" | sha256sum</c>),
/// so configuration, the manifest and the deployment never hold a usable key.
/// </summary>
public static class ApiKeyHash
{
    /// <summary>Length of a hash in hex characters.</summary>
    public const int HexLength = SHA256.HashSizeInBytes * 2;

    /// <summary>The hash to configure for <paramref name="key"/>.</summary>
    public static string Compute(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));
    }

    /// <summary>Parses a configured hash (64 hex characters, either case); null when it is not one.</summary>
    public static byte[]? Parse(string? hex)
    {
        var text = hex?.Trim();
        if (text is not { Length: HexLength }) return null;
        try
        {
            return Convert.FromHexString(text);
        }
        catch (FormatException)
        {
            return null;
        }
    }

    /// <summary>
    /// The index of the hash <paramref name="presented"/> matches, or -1. Every hash is compared, each in constant time,
    /// so the time taken tells nothing about how close a guess came or which key it resembled.
    /// </summary>
    public static int Match(string presented, IReadOnlyList<byte[]> hashes)
    {
        ArgumentNullException.ThrowIfNull(presented);
        ArgumentNullException.ThrowIfNull(hashes);
        var digest = SHA256.HashData(Encoding.UTF8.GetBytes(presented));
        var found = -1;
        for (var i = 0; i < hashes.Count; i++)
        {
            if (CryptographicOperations.FixedTimeEquals(digest, hashes[i]) && found < 0)
                found = i;
        }
        return found;
    }
}
