namespace ForgetCloud.Learning.Data;

/// <summary>
/// One GSM8K problem. <paramref name="Answer"/> is the worked solution as published, ending in <c>#### N</c>;
/// <paramref name="FinalAnswer"/> is N exactly as written after <c>#### </c> (e.g. <c>18</c>, <c>1,000</c>):
/// normalization for exact match belongs to the evaluation.
/// </summary>
public sealed record Gsm8kExample(string Id, string Question, string Answer, string FinalAnswer)
{
    public const string FinalAnswerMarker = "####";

    /// <summary>
    /// The text after the last <c>####</c> on the answer's last line, trimmed; null when there is none
    /// or it is empty.
    /// </summary>
    public static string? TryParseFinalAnswer(string answer)
    {
        var lastLine = answer.TrimEnd().Split('\n')[^1];
        var at = lastLine.LastIndexOf(FinalAnswerMarker, StringComparison.Ordinal);
        if (at < 0) return null;
        var value = lastLine[(at + FinalAnswerMarker.Length)..].Trim();
        return value.Length == 0 ? null : value;
    }
}
