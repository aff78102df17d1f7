namespace ForgetCloud.Contracts;

/// <summary>
/// "Did you mean" for mistyped names (CLI commands and presets, the Api's fields and query parameters): the
/// candidate with the smallest edit distance, if it is close.
/// </summary>
public static class NameSuggestion
{
    /// <summary>
    /// The candidate nearest to <paramref name="typed"/> (case-insensitively; the first wins a tie), if it is close
    /// enough to be a plausible typo: at most max(1, length/3) edits (so "fp16" doesn't suggest "fp32").
    /// </summary>
    public static string? Nearest(string typed, IEnumerable<string> candidates)
    {
        ArgumentNullException.ThrowIfNull(typed);
        ArgumentNullException.ThrowIfNull(candidates);
        string? best = null;
        var bestDistance = int.MaxValue;
        foreach (var candidate in candidates)
        {
            var distance = EditDistance(typed.ToLowerInvariant(), candidate.ToLowerInvariant());
            if (distance < bestDistance) (best, bestDistance) = (candidate, distance);
        }
        return bestDistance <= Math.Max(1, typed.Length / 3) ? best : null;
    }

    /// <summary><c>"; did you mean 'x'?"</c> when a candidate is close, otherwise empty: to append to an error message.</summary>
    public static string Hint(string typed, IEnumerable<string> candidates) =>
        Nearest(typed, candidates) is { } near ? $"; did you mean '{near}'?" : "";

    /// <summary>
    /// Optimal-string-alignment distance: insertions, deletions, substitutions and adjacent transpositions each
    /// cost 1 (so "lerning_rate" and "laerning_rate" are both 1 away from "learning_rate").
    /// </summary>
    public static int EditDistance(string a, string b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++) d[i, 0] = i;
        for (var j = 0; j <= b.Length; j++) d[0, j] = j;
        for (var i = 1; i <= a.Length; i++)
        {
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                var best = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                    best = Math.Min(best, d[i - 2, j - 2] + 1);
                d[i, j] = best;
            }
        }
        return d[a.Length, b.Length];
    }
}
