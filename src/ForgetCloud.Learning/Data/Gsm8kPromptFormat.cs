namespace ForgetCloud.Learning.Data;

/// <summary>
/// The GSM8K template. With <c>q</c> the question and <c>a</c> the published worked answer (both trimmed of
/// surrounding whitespace):
/// <code>
/// prompt: "Question: {q}\nAnswer:"
/// target: " {a}"            (a ends with "#### N"; EOS follows as a token)
/// </code>
/// The evaluation generates from <see cref="Prompt"/> and reads the number after <c>####</c>.
/// </summary>
public static class Gsm8kPromptFormat
{
    public static string Prompt(Gsm8kExample example) => $"Question: {example.Question.Trim()}\nAnswer:";

    public static string Target(Gsm8kExample example) => $" {example.Answer.Trim()}";

    public static RenderedExample Render(Gsm8kExample example) =>
        new(example.Id, Prompt(example), Target(example), example.FinalAnswer);
}
