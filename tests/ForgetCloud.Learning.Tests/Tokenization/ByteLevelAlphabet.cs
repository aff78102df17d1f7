namespace ForgetCloud.Learning.Tests.Tokenization;

/// <summary>
/// GPT-2's bytes_to_unicode table, written out independently for the tests: printable Latin-1 bytes map to
/// themselves, the other 68 bytes to U+0100 onwards in byte order.
/// </summary>
internal static class ByteLevelAlphabet
{
    private static readonly Dictionary<char, byte> CharToByte = Build();

    public static byte[] ToBytes(string token) =>
        token.Select(c => CharToByte.TryGetValue(c, out var b) ? b : throw new ArgumentException($"'{c}' is not a byte-level character.")).ToArray();

    private static Dictionary<char, byte> Build()
    {
        var map = new Dictionary<char, byte>();
        var next = 256;
        for (var b = 0; b < 256; b++)
        {
            var printable = b is >= '!' and <= '~' or >= 0xA1 and <= 0xAC or >= 0xAE and <= 0xFF;
            map[(char)(printable ? b : next++)] = (byte)b;
        }

        return map;
    }
}
