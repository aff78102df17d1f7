using System.Text.RegularExpressions;

namespace ForgetCloud.Learning.Metrics;

/// <summary>
/// The option letter (A-E) an AQUA-RAT generation commits to. Rules, first that applies wins:
/// <list type="number">
/// <item>An explicit final-answer statement, the LAST one in the text (like flexible-extract, the model's final
/// word counts): <c>answer</c> (any case) optionally followed by <c>is</c>/<c>:</c>/<c>-</c>/<c>=</c>/<c>option</c>,
/// then the letter, optionally in parentheses (<c>Answer: C</c>, <c>ANSWER:C</c>, <c>The answer is (B)</c>,
/// <c>Correct answer - A</c>, <c>Answer : A</c>), or <c>#### C</c>. These are the forms AQUA-RAT rationales end with.</item>
/// <item>A generation that opens with an option marker: <c>C</c>, <c>(C)</c>, <c>C)</c>, <c>C.</c>, <c>C:</c>
/// (after leading whitespace), as when a model answers with the letter first.</item>
/// <item>Otherwise no answer (<c>null</c>): scored as wrong.</item>
/// </list>
/// The letter must be an upper-case A-E not followed by another letter, so <c>A car</c> or <c>answer is a number</c>
/// never count. The original framework's rule (the first standalone capital A-E anywhere) reads "A" out of "A train leaves..."; this
/// one does not.
/// </summary>
public static partial class AquaRatAnswerExtraction
{
    /// <summary>The option labels, in order.</summary>
    public static IReadOnlyList<string> Labels { get; } = ["A", "B", "C", "D", "E"];

    [GeneratedRegex(
        @"(?:(?i:answer)\s*(?:(?i:is)\s*)?(?:[:=\-]\s*)?(?:(?i:option)\s*)?|####\s*)\(?([A-E])\)?(?![A-Za-z])",
        RegexOptions.CultureInvariant)]
    private static partial Regex StatementPattern();

    [GeneratedRegex(@"^\s*(?:\(([A-E])\)|([A-E])(?:[).:]|\s*$))", RegexOptions.CultureInvariant)]
    private static partial Regex LeadingMarkerPattern();

    /// <summary>The letter the generation gives as its answer, or <c>null</c> when it gives none.</summary>
    public static string? ExtractLetter(string generation)
    {
        ArgumentNullException.ThrowIfNull(generation);
        var statements = StatementPattern().Matches(generation);
        if (statements.Count > 0)
        {
            return statements[^1].Groups[1].Value;
        }

        var leading = LeadingMarkerPattern().Match(generation);
        if (leading.Success)
        {
            return leading.Groups[1].Success ? leading.Groups[1].Value : leading.Groups[2].Value;
        }

        return null;
    }

    /// <summary>The gold letter of an AQUA-RAT item's <c>correct</c> field.</summary>
    /// <exception cref="ArgumentException">The field is not one of A-E.</exception>
    public static string ParseGoldLetter(string correctField)
    {
        ArgumentNullException.ThrowIfNull(correctField);
        var letter = correctField.Trim();
        if (!Labels.Contains(letter, StringComparer.Ordinal))
        {
            throw new ArgumentException(
                $"AQUA-RAT 'correct' field must be one of A-E, got '{correctField}'", nameof(correctField));
        }

        return letter;
    }

    /// <summary>The 0-based option index of a letter A-E.</summary>
    /// <exception cref="ArgumentException">The letter is not one of A-E.</exception>
    public static int IndexOf(string letter)
    {
        ArgumentNullException.ThrowIfNull(letter);
        for (var i = 0; i < Labels.Count; i++)
        {
            if (string.Equals(Labels[i], letter, StringComparison.Ordinal))
            {
                return i;
            }
        }

        throw new ArgumentException($"Not an AQUA-RAT option letter (A-E): '{letter}'", nameof(letter));
    }
}
