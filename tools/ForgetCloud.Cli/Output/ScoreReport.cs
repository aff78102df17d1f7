using System.Globalization;
using System.Text;
using ForgetCloud.Learning.Modeling;
using ForgetCloud.Learning.Tokenization;

namespace ForgetCloud.Cli.Output;

/// <summary>
/// Writes a <see cref="SequenceScore"/>. Both forms list every token; the first has no log-probability (nothing
/// precedes it), shown as "-" in the table and <c>null</c> in JSON, so <c>logprobs[i]</c> always belongs to
/// <c>tokens[i]</c> and both arrays have the same length.
/// </summary>
public static class ScoreReport
{
    public static string Json(SequenceScore score)
    {
        var text = new StringBuilder("{\"tokens\": [");
        text.AppendJoin(", ", score.TokenIds.Select(t => t.ToString(CultureInfo.InvariantCulture)));
        text.Append("], \"logprobs\": [null");
        foreach (var value in score.LogProbs) text.Append(", ").Append(Number(value));
        text.Append("], \"mean_nll\": ").Append(Number(score.MeanNll)).Append('}');
        return text.ToString();
    }

    public static string Table(SequenceScore score, ITextTokenizer tokenizer)
    {
        var pieces = score.TokenIds.Select(t => TokenText.Escape(tokenizer.Decode([t]))).ToList();
        var idWidth = Math.Max(2, score.TokenIds.Max(t => t.ToString(CultureInfo.InvariantCulture).Length));
        var pieceWidth = Math.Max(5, pieces.Max(p => p.Length));
        var posWidth = Math.Max(3, (score.TokenIds.Count - 1).ToString(CultureInfo.InvariantCulture).Length);
        var text = new StringBuilder();
        text.AppendLine($"{"pos".PadLeft(posWidth)}  {"token".PadRight(pieceWidth)}  {"id".PadLeft(idWidth)}  {"logprob",10}");
        for (var i = 0; i < pieces.Count; i++)
        {
            var logProb = i == 0 ? "-" : score.LogProbs[i - 1].ToString("F4", CultureInfo.InvariantCulture);
            text.AppendLine(string.Create(CultureInfo.InvariantCulture,
                $"{i.ToString(CultureInfo.InvariantCulture).PadLeft(posWidth)}  {pieces[i].PadRight(pieceWidth)}  {score.TokenIds[i].ToString(CultureInfo.InvariantCulture).PadLeft(idWidth)}  {logProb,10}"));
        }
        text.AppendLine(string.Create(CultureInfo.InvariantCulture,
            $"mean NLL: {score.MeanNll:F4} nats/token over {score.LogProbs.Count} predicted tokens"));
        text.Append(string.Create(CultureInfo.InvariantCulture, $"perplexity: {Math.Exp(score.MeanNll):F2}"));
        return text.ToString();
    }

    /// <summary>Shortest round-trip form; JSON has no NaN or infinity, so those are refused rather than written.</summary>
    private static string Number(double value) => double.IsFinite(value)
        ? value.ToString("R", CultureInfo.InvariantCulture)
        : throw new CliException($"the model produced a non-finite log-probability ({value}); try --dtype fp32");
}
