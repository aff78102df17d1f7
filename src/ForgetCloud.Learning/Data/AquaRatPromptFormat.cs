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
/// reliably (<see cref="TryParseAnswerLetter"/>). Log-likelihood scoring asks for what stage 2 teaches the model
/// to produce, the letter after <see cref="AnswerCue"/>: each <see cref="LetterContinuation"/> (<c>" A"</c> .. <c>" E"</c>)
/// is scored after <see cref="LetterScoringContext"/>, the prompt followed by the fixed prefix
/// <see cref="LetterScoringPrefix"/> (the cue with an empty rationale), as lm-evaluation-harness's agieval_aqua_rat
/// scores <c>"(L)text"</c> after "the answer is".
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

    /// <summary>The words every target's last line opens with, right before the letter.</summary>
    public const string AnswerCue = "The answer is";

    /// <summary>
    /// What letter scoring puts between the prompt and the letter: a space (the target's leading space) and
    /// <see cref="AnswerCue"/>, i.e. the training target with an empty rationale line. Fixed, so every model and
    /// every option is scored in the same context.
    /// </summary>
    public const string LetterScoringPrefix = " " + AnswerCue;

    /// <summary>The last line of every target: <c>The answer is {letter}.</c></summary>
    public static string AnswerSentence(char letter) => $"{AnswerCue}{LetterContinuation(letter)}.";

    /// <summary>The continuation scored for one option: a space and its letter, the tokens the target holds after the cue.</summary>
    public static string LetterContinuation(char letter) => $" {letter}";

    /// <summary>The context each <see cref="LetterContinuation"/> is scored after: <see cref="Prompt"/> + <see cref="LetterScoringPrefix"/>.</summary>
    public static string LetterScoringContext(AquaRatExample example) => Prompt(example) + LetterScoringPrefix;

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
