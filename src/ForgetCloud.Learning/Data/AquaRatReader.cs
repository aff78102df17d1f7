using ForgetCloud.Contracts.Configuration;
namespace ForgetCloud.Learning.Data;

/// <summary>
/// Reads AQUA-RAT in its original format (one JSON object per line despite the <c>.json</c> extension): string
/// fields <c>question</c>, <c>rationale</c>, <c>correct</c> (one of A-E) and <c>options</c>, five strings
/// <c>"A)..."</c> to <c>"E)..."</c> in order. Other fields are ignored.
/// </summary>
public static class AquaRatReader
{
    public static IReadOnlyList<AquaRatExample> ReadFile(string path, string split)
    {
        using var reader = JsonLines.OpenText(path);
        return Read(reader, path, split);
    }

    /// <param name="sourceName">File name or URL used in error messages.</param>
    /// <param name="split">Split name used in the ids (<c>aqua_rat/{split}/0042</c>).</param>
    public static IReadOnlyList<AquaRatExample> Read(TextReader reader, string sourceName, string split) =>
        JsonLines.Read(reader, sourceName, (index, obj) =>
        {
            var question = JsonLines.NonEmptyString(obj, "question");
            var rationale = JsonLines.NonEmptyString(obj, "rationale");
            var options = ParseOptions(JsonLines.StringArray(obj, "options"));
            var correct = JsonLines.String(obj, "correct");
            if (correct.Length != 1 || !AquaRatExample.Letters.Contains(correct[0]))
            {
                throw new JsonLines.FieldException($"field 'correct' is '{correct}', expected one of A, B, C, D, E");
            }

            return new AquaRatExample(
                DatasetFiles.ExampleId(DatasetKind.AquaRat, split, index), question, options, rationale, correct[0]);
        });

    private static AquaRatOption[] ParseOptions(string[] raw)
    {
        var letters = AquaRatExample.Letters;
        if (raw.Length != letters.Length)
        {
            throw new JsonLines.FieldException($"field 'options' has {raw.Length} entries, expected {letters.Length} (A-E)");
        }

        var options = new AquaRatOption[raw.Length];
        for (var i = 0; i < raw.Length; i++)
        {
            if (raw[i].Length < 2 || raw[i][0] != letters[i] || raw[i][1] != ')')
            {
                throw new JsonLines.FieldException(
                    $"field 'options'[{i}] is \"{raw[i]}\", expected it to start with \"{letters[i]})\"");
            }

            options[i] = new AquaRatOption(letters[i], raw[i][2..].Trim());
        }

        return options;
    }
}
