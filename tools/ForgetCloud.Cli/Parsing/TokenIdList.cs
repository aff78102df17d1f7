using System.Globalization;

namespace ForgetCloud.Cli.Parsing;

/// <summary>Parses <c>--token-ids</c>: comma-separated non-negative integers, e.g. <c>1,2,3</c> (spaces around commas allowed).</summary>
public static class TokenIdList
{
    /// <summary>The ids, or null and an error that names the first bad element by position and text.</summary>
    public static int[]? TryParse(string text, out string? error)
    {
        error = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            error = "--token-ids is empty; give comma-separated ids such as 1,2,3";
            return null;
        }
        var parts = text.Split(',');
        var ids = new int[parts.Length];
        for (var i = 0; i < parts.Length; i++)
        {
            var part = parts[i].Trim();
            if (!int.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out ids[i]))
            {
                var what = part.Length == 0 ? "is empty"
                    : part.StartsWith('-') && long.TryParse(part, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _) ? "is negative"
                    : part.All(char.IsAsciiDigit) ? "is too large"
                    : "is not an integer";
                error = $"--token-ids element {i + 1} ('{part}') {what}; give comma-separated non-negative ids such as 1,2,3";
                return null;
            }
        }
        return ids;
    }
}
