using System.Text;
using System.Text.RegularExpressions;

namespace ForgetCloud.Learning.Data;

/// <summary>
/// The AQUA-RAT template. With <c>q</c> the question, <c>A..E</c> the option texts (prefix <c>"A)"</c> stripped),
/// <c>r</c> the rationale and <c>L</c> the correct letter (texts trimmed of surrounding whitespace):
/// <code>
/// prompt: "Question: {q}\nOptions:\nA) {A}\nB) {B}\nC) {C}\nD) {D}\nE) {E}\nAnswer:"
/// target: " {r}\nThe answer is {L}."      (EOS follows as a token)
/// </code>
/// The closing sentence gives every target the same final line, so a generated answer's letter can be read
/// reliably (<see cref="TryParseAnswerLetter"/>). For log-likelihood scoring the evaluation appends each
/// <see cref="OptionContinuation"/> (<c>" {option text}"</c>) to <see cref="Prompt"/>.
/// </summary>
public static partial class AquaRatPromptFormat
{
    public static string Prompt(AquaRatExample example)
    {
        var builder = new StringBuilder("Question: ").Append(example.Question.Trim()).Append("\nOptions:\n");
        foreach (var option in example.Options) builder.Append(option.Letter).Append(") ").Append(option.Text.Trim()).Append('\n');
        return builder.Append("Answer:").ToString();
    }

    public static string Target(AquaRatExample example) =>
        $" {example.Rationale.Trim()}\n{AnswerSentence(example.Correct)}";

    /// <summary>The last line of every target: <c>The answer is {letter}.</c></summary>
    public static string AnswerSentence(char letter) => $"The answer is {letter}.";

    /// <summary>The continuation scored for one option after the prompt: a space and the option's text.</summary>
    public static string OptionContinuation(AquaRatOption option) => $" {option.Text.Trim()}";

    public static RenderedExample Render(AquaRatExample example) =>
        new(example.Id, Prompt(example), Target(example), example.Correct.ToString());

    /// <summary>The letter of the last <c>The answer is X</c> in a generated text, or null when there is none.</summary>
    public static char? TryParseAnswerLetter(string generated)
    {
        var matches = AnswerPattern().Matches(generated);
        return matches.Count == 0 ? null : matches[^1].Groups[1].Value[0];
    }

    [GeneratedRegex(@"The answer is \(?([A-E])\b")]
    private static partial Regex AnswerPattern();
}
