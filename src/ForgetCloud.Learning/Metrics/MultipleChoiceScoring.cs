using System.Text;

namespace ForgetCloud.Learning.Metrics;

/// <summary>
/// Multiple-choice scoring as lm-evaluation-harness does it (<c>ConfigurableTask.process_results</c>, output type
/// <c>multiple_choice</c>): <c>acc</c> takes the argmax of each option's summed log-likelihood given the question;
/// <c>acc_norm</c> divides each by the option's length in characters (Python <c>len(str)</c>, i.e. Unicode code
/// points, not UTF-16 units); <c>acc_bytes</c> by its UTF-8 byte length. Ties go to the first option, like
/// <c>np.argmax</c>. The option text is the continuation that was scored, without the target delimiter.
/// </summary>
public static class MultipleChoiceScoring
{
    /// <summary>Scores one item.</summary>
    /// <param name="logLikelihoods">Sum of token log-probabilities of each option's continuation.</param>
    /// <param name="optionTexts">The scored continuation text of each option (same order).</param>
    /// <param name="goldIndex">0-based index of the correct option.</param>
    /// <exception cref="ArgumentException">Mismatched lengths, no options, a non-finite log-likelihood, an empty
    /// option text, or a gold index out of range.</exception>
    public static MultipleChoiceResult Score(
        IReadOnlyList<double> logLikelihoods, IReadOnlyList<string> optionTexts, int goldIndex)
    {
        ArgumentNullException.ThrowIfNull(logLikelihoods);
        ArgumentNullException.ThrowIfNull(optionTexts);
        if (logLikelihoods.Count == 0)
        {
            throw new ArgumentException("Multiple-choice item has no options", nameof(logLikelihoods));
        }

        if (logLikelihoods.Count != optionTexts.Count)
        {
            throw new ArgumentException(
                $"Multiple-choice item has {logLikelihoods.Count} log-likelihoods but {optionTexts.Count} option texts",
                nameof(optionTexts));
        }

        if (goldIndex < 0 || goldIndex >= logLikelihoods.Count)
        {
            throw new ArgumentException(
                $"Gold option index {goldIndex} is outside 0..{logLikelihoods.Count - 1}", nameof(goldIndex));
        }

        var raw = new double[logLikelihoods.Count];
        var perChar = new double[raw.Length];
        var perByte = new double[raw.Length];
        for (var i = 0; i < raw.Length; i++)
        {
            var ll = logLikelihoods[i];
            if (!double.IsFinite(ll))
            {
                throw new ArgumentException($"Log-likelihood of option {i} is not finite: {ll}", nameof(logLikelihoods));
            }

            var text = optionTexts[i] ?? throw new ArgumentException($"Option {i} text is null", nameof(optionTexts));
            if (text.Length == 0)
            {
                throw new ArgumentException(
                    $"Option {i} text is empty: length normalization would divide by zero", nameof(optionTexts));
            }

            raw[i] = ll;
            perChar[i] = ll / CharacterLength(text);
            perByte[i] = ll / Encoding.UTF8.GetByteCount(text);
        }

        return new MultipleChoiceResult(ArgMax(raw), ArgMax(perChar), ArgMax(perByte), goldIndex);
    }

    /// <summary>Length as Python's <c>len(str)</c> counts it: Unicode scalar values.</summary>
    public static int CharacterLength(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var count = 0;
        foreach (var _ in text.EnumerateRunes())
        {
            count++;
        }

        return count;
    }

    private static int ArgMax(double[] values)
    {
        var best = 0;
        for (var i = 1; i < values.Length; i++)
        {
            if (values[i] > values[best])
            {
                best = i;
            }
        }

        return best;
    }
}
