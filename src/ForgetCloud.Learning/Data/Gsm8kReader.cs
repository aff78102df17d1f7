using ForgetCloud.Contracts.Configuration;
namespace ForgetCloud.Learning.Data;

/// <summary>
/// Reads GSM8K in its original JSONL format: one object per line with string fields <c>question</c> and
/// <c>answer</c>; the answer must end in <c>#### N</c>. Other fields are ignored.
/// </summary>
public static class Gsm8kReader
{
    public static IReadOnlyList<Gsm8kExample> ReadFile(string path, string split)
    {
        using var reader = JsonLines.OpenText(path);
        return Read(reader, path, split);
    }

    /// <param name="sourceName">File name or URL used in error messages.</param>
    /// <param name="split">Split name used in the ids (<c>gsm8k/{split}/0042</c>).</param>
    public static IReadOnlyList<Gsm8kExample> Read(TextReader reader, string sourceName, string split) =>
        JsonLines.Read(reader, sourceName, (index, obj) =>
        {
            var question = JsonLines.NonEmptyString(obj, "question");
            var answer = JsonLines.NonEmptyString(obj, "answer");
            var final = Gsm8kExample.TryParseFinalAnswer(answer)
                ?? throw new JsonLines.FieldException(
                    $"field 'answer' does not end with '{Gsm8kExample.FinalAnswerMarker} <final answer>'");
            return new Gsm8kExample(DatasetFiles.ExampleId(DatasetKind.Gsm8k, split, index), question, answer, final);
        });
}
