using System.Globalization;
using System.Text;

namespace ForgetCloud.Cli.Output;

/// <summary>Makes a decoded token piece printable on one table cell: quotes, escapes and a length cap.</summary>
public static class TokenText
{
    public static string Escape(string piece, int maxLength = 24)
    {
        var text = new StringBuilder("\"");
        foreach (var rune in piece.EnumerateRunes())
        {
            text.Append(rune.Value switch
            {
                '\n' => "\\n",
                '\r' => "\\r",
                '\t' => "\\t",
                '"' => "\\\"",
                '\\' => "\\\\",
                _ when Rune.IsControl(rune) || Rune.GetUnicodeCategory(rune) is UnicodeCategory.Format => $"\\u{rune.Value:X4}",
                _ => rune.ToString(),
            });
        }
        if (text.Length < maxLength) return text.Append('"').ToString();
        text.Length = maxLength - 2;
        if (char.IsHighSurrogate(text[^1])) text.Length--;
        return text.Append("…\"").ToString();
    }
}
