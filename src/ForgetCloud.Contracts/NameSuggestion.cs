namespace ForgetCloud.Contracts;

/// <summary>
/// "Did you mean" for mistyped names (CLI commands and presets, the Api's fields and query parameters): the
/// candidate with the smallest edit distance, if it is close.
/// </summary>
public static class NameSuggestion
{
    /// <summary>The candidate nearest to <paramref name="typed"/> (case-insensitively), or null when none is close.</summary>
    public static string? Nearest(string typed, IEnumerable<string> candidates)
    {
        var best = candidates
            .Select(c => (Name: c, Distance: EditDistance(typed.ToLowerInvariant(), c.ToLowerInvariant())))
            .OrderBy(c => c.Distance)
            .FirstOrDefault();
        // Allow about one edit per three characters: "smok" -> "smoke", but "llama" suggests nothing.
        return best.Name is not null && best.Distance <= Math.Max(1, best.Name.Length / 3) ? best.Name : null;
    }

    /// <summary><c>"; did you mean 'x'?"</c> when a candidate is close, otherwise empty: to append to an error message.</summary>
    public static string Hint(string typed, IEnumerable<string> candidates) =>
        Nearest(typed, candidates) is { } near ? $"; did you mean '{near}'?" : "";

    /// <summary>Levenshtein distance (insertions, deletions, substitutions each cost 1).</summary>
    public static int EditDistance(string a, string b)
    {
        var previous = Enumerable.Range(0, b.Length + 1).ToArray();
        var current = new int[b.Length + 1];
        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var substitute = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
                current[j] = Math.Min(substitute, Math.Min(previous[j], current[j - 1]) + 1);
            }
            (previous, current) = (current, previous);
        }
        return previous[b.Length];
    }
}
