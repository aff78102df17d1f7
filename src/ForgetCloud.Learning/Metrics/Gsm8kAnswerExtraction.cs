using System.Text.RegularExpressions;

namespace ForgetCloud.Learning.Metrics;

/// <summary>
/// GSM8K answer extraction and exact match, as lm-evaluation-harness's <c>gsm8k</c> task (version 3.0,
/// <c>lm_eval/tasks/gsm8k/gsm8k.yaml</c>) does it:
/// <list type="bullet">
/// <item><c>strict-match</c>: regex <c>#### (\-?[0-9\.\,]+)</c>, first match (<c>take_first</c>).</item>
/// <item><c>flexible-extract</c>: regex <c>(-?[$0-9.,]{2,})|(-?[0-9]+)</c>, last match (<c>group_select: -1</c>),
/// first non-empty group of that match.</item>
/// <item>No match: the harness's fallback string <c>[invalid]</c>, which never equals a gold number.</item>
/// <item>Exact match after applying <c>regexes_to_ignore</c> in order (<c>,</c>, <c>\$</c>, <c>(?s).*#### </c>,
/// <c>\.$</c>) to both prediction and reference, then lower-casing (<c>ignore_case: true</c>).</item>
/// </list>
/// The only addition is trimming whitespace after normalization; it changes nothing for harness filter outputs
/// (already stripped) or GSM8K gold answers, and keeps a gold line with a trailing newline from never matching.
/// </summary>
public static partial class Gsm8kAnswerExtraction
{
    /// <summary>The harness's <c>RegexFilter</c> fallback when the pattern finds nothing.</summary>
    public const string InvalidAnswer = "[invalid]";

    /// <summary>The marker in front of the final answer in GSM8K solutions.</summary>
    public const string AnswerMarker = "#### ";

    // The patterns spell digits as [0-9], so only ASCII digits count, as in the harness's Python patterns.
    [GeneratedRegex(@"#### (\-?[0-9\.\,]+)", RegexOptions.CultureInvariant)]
    private static partial Regex StrictPattern();

    [GeneratedRegex(@"(-?[$0-9.,]{2,})|(-?[0-9]+)", RegexOptions.CultureInvariant)]
    private static partial Regex FlexiblePattern();

    [GeneratedRegex(@"\$", RegexOptions.CultureInvariant)]
    private static partial Regex DollarPattern();

    [GeneratedRegex(@".*#### ", RegexOptions.Singleline | RegexOptions.CultureInvariant)]
    private static partial Regex UpToMarkerPattern();

    // .NET's '$' without Multiline matches at the end or before a final '\n', exactly like Python's re.
    [GeneratedRegex(@"\.$", RegexOptions.CultureInvariant)]
    private static partial Regex TrailingPeriodPattern();

    /// <summary>The <c>strict-match</c> filter: the number after the first <c>#### </c>, or <see cref="InvalidAnswer"/>.</summary>
    public static string ExtractStrict(string generation)
    {
        ArgumentNullException.ThrowIfNull(generation);
        var match = StrictPattern().Match(generation);
        return match.Success ? match.Groups[1].Value.Trim() : InvalidAnswer;
    }

    /// <summary>The <c>flexible-extract</c> filter: the last number-like token, or <see cref="InvalidAnswer"/>.</summary>
    public static string ExtractFlexible(string generation)
    {
        ArgumentNullException.ThrowIfNull(generation);
        var matches = FlexiblePattern().Matches(generation);
        if (matches.Count == 0)
        {
            return InvalidAnswer;
        }

        var last = matches[^1];
        // Python's findall returns a tuple of groups; the harness keeps the first non-empty one.
        var value = last.Groups[1].Success && last.Groups[1].Length > 0 ? last.Groups[1].Value : last.Groups[2].Value;
        return value.Trim();
    }

    /// <summary>
    /// The harness's exact-match normalization, applied alike to predictions and to the full GSM8K answer field:
    /// remove <c>,</c> and <c>$</c>, everything up to the last <c>#### </c>, one trailing <c>.</c>; lower-case; trim.
    /// </summary>
    public static string Normalize(string answer)
    {
        ArgumentNullException.ThrowIfNull(answer);
        var text = answer.Replace(",", string.Empty, StringComparison.Ordinal);
        text = DollarPattern().Replace(text, string.Empty);
        text = UpToMarkerPattern().Replace(text, string.Empty);
        text = TrailingPeriodPattern().Replace(text, string.Empty);
        return text.ToLowerInvariant().Trim();
    }

    /// <summary>
    /// The normalized gold answer of a GSM8K <c>answer</c> field (the number after its last <c>#### </c>).
    /// </summary>
    /// <exception cref="ArgumentException">The field has no <c>#### </c> marker or nothing after it.</exception>
    public static string GoldAnswer(string answerField)
    {
        ArgumentNullException.ThrowIfNull(answerField);
        if (!answerField.Contains(AnswerMarker, StringComparison.Ordinal))
        {
            throw new ArgumentException(
                $"GSM8K answer field has no '{AnswerMarker}' marker: '{Shorten(answerField)}'", nameof(answerField));
        }

        var gold = Normalize(answerField);
        if (gold.Length == 0)
        {
            throw new ArgumentException(
                $"GSM8K answer field has nothing after '{AnswerMarker}': '{Shorten(answerField)}'", nameof(answerField));
        }

        return gold;
    }

    /// <summary>Whether an extracted answer equals the gold answer after normalization (the harness's exact_match).</summary>
    public static bool IsCorrect(string extractedAnswer, string answerField) =>
        string.Equals(Normalize(extractedAnswer), GoldAnswer(answerField), StringComparison.Ordinal);

    /// <summary>Extracts with both filters and scores each against the GSM8K <c>answer</c> field.</summary>
    public static Gsm8kJudgement Judge(string generation, string answerField)
    {
        var gold = GoldAnswer(answerField);
        var strict = ExtractStrict(generation);
        var flexible = ExtractFlexible(generation);
        return new Gsm8kJudgement(
            strict,
            flexible,
            gold,
            string.Equals(Normalize(strict), gold, StringComparison.Ordinal),
            string.Equals(Normalize(flexible), gold, StringComparison.Ordinal));
    }

    private static string Shorten(string text) => text.Length <= 80 ? text : string.Concat(text.AsSpan(0, 77), "...");
}
