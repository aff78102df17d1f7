using ForgetCloud.Learning.Tests.TestSupport;
using ForgetCloud.Learning.Data;

namespace ForgetCloud.Learning.Tests.Data;

public class ReaderTests
{
    private const string GoodAqua =
        """{"question": "Q?", "options": ["A)1", "B)2", "C)3", "D)4", "E)5"], "rationale": "because", "correct": "C"}""";

    [Theory]
    [InlineData("train", 7473)]
    [InlineData("test", 1319)]
    public void Gsm8kSplitsHaveThePublishedCounts(string split, int count)
    {
        var examples = Gsm8kReader.ReadFile(Path.Combine(TestPaths.SharedData, "gsm8k", $"{split}.jsonl"), split);
        Assert.Equal(count, examples.Count);
        Assert.Equal($"gsm8k/{split}/0000", examples[0].Id);
        Assert.Equal($"gsm8k/{split}/{count - 1:D4}", examples[^1].Id);
        Assert.Equal(count, examples.Select(e => e.Id).Distinct().Count());
    }

    [Fact]
    public void Gsm8kFirstTestExampleIsParsedExactly()
    {
        var first = Gsm8kReader.ReadFile(Path.Combine(TestPaths.SharedData, "gsm8k", "test.jsonl"), "test")[0];
        Assert.StartsWith("Janet\u2019s ducks lay 16 eggs per day.", first.Question);
        Assert.EndsWith("\n#### 18", first.Answer);
        Assert.Equal("18", first.FinalAnswer);
    }

    [Theory]
    [InlineData("dev")]
    [InlineData("test")]
    public void AquaRatSplitsHaveThePublishedCounts(string split)
    {
        var examples = AquaRatReader.ReadFile(Path.Combine(TestPaths.SharedData, "aqua_rat", $"{split}.json"), split);
        Assert.Equal(254, examples.Count);
        Assert.All(examples, e => Assert.Equal("ABCDE", new string([.. e.Options.Select(o => o.Letter)])));
    }

    [Fact]
    public void AquaRatFirstTestExampleIsParsedExactly()
    {
        var first = AquaRatReader.ReadFile(Path.Combine(TestPaths.SharedData, "aqua_rat", "test.json"), "test")[0];
        Assert.Equal("aqua_rat/test/0000", first.Id);
        Assert.Equal(new AquaRatOption('A', "5(\u221a3 + 1)"), first.Options[0]);
        Assert.Equal(new AquaRatOption('E', "None of these"), first.Options[4]);
        Assert.Equal('A', first.Correct);
        Assert.Equal(first.Options[0], first.CorrectOption);
        Assert.EndsWith("Answer : A", first.Rationale);
    }

    [Theory]
    [InlineData("#### 18", "18")]
    [InlineData("step\n#### 1,000", "1,000")]
    [InlineData("a\n#### -3.5  \n", "-3.5")]
    [InlineData("no marker", null)]
    [InlineData("#### 5\nmore text", null)]
    [InlineData("####   ", null)]
    public void FinalAnswerComesFromTheLastLine(string answer, string? expected) =>
        Assert.Equal(expected, Gsm8kExample.TryParseFinalAnswer(answer));

    [Theory]
    [InlineData("""{"question": "q", "answer": "#### 1"}""" + "\n{oops", 2, "bad JSON")]
    [InlineData("""{"question": "q"}""", 1, "missing field 'answer'")]
    [InlineData("""{"question": 3, "answer": "#### 1"}""", 1, "field 'question' must be a string")]
    [InlineData("""{"question": "q", "answer": "no final"}""", 1, "does not end with '#### <final answer>'")]
    [InlineData("""{"question": "q", "answer": "#### 1"}""" + "\n\n" + """{"question": "q", "answer": "#### 1"}""", 2, "blank line")]
    [InlineData("[1, 2]", 1, "expected a JSON object")]
    public void MalformedGsm8kLineNamesFileAndLine(string content, int line, string problem)
    {
        using var dir = new TempDirectory();
        var path = dir.Write("bad.jsonl", content);
        var error = Assert.Throws<DataFormatException>(() => Gsm8kReader.ReadFile(path, "test"));
        Assert.Equal(path, error.FilePath);
        Assert.Equal(line, error.LineNumber);
        Assert.Contains(problem, error.Message);
        Assert.StartsWith($"{path}:{line}: ", error.Message);
    }

    [Theory]
    [InlineData("""{"question": "Q?", "options": ["A)1", "B)2", "C)3", "D)4"], "rationale": "r", "correct": "C"}""", "has 4 entries, expected 5")]
    [InlineData("""{"question": "Q?", "options": ["A)1", "C)2", "B)3", "D)4", "E)5"], "rationale": "r", "correct": "C"}""", "'options'[1] is \"C)2\", expected it to start with \"B)\"")]
    [InlineData("""{"question": "Q?", "options": ["A)1", "B)2", "C)3", "D)4", "E)5"], "rationale": "r", "correct": "F"}""", "field 'correct' is 'F'")]
    [InlineData("""{"question": "Q?", "options": ["A)1", "B)2", "C)3", "D)4", "E)5"], "rationale": "r", "correct": "AB"}""", "field 'correct' is 'AB'")]
    [InlineData("""{"question": "Q?", "options": "A)1", "rationale": "r", "correct": "A"}""", "must be an array of strings")]
    [InlineData("""{"question": "Q?", "options": ["A)1", "B)2", "C)3", "D)4", "E)5"], "correct": "A"}""", "missing field 'rationale'")]
    [InlineData("""{"question": "Q?", "options": ["A)1", "B)2", "C)3", "D)4", "E)5"], "rationale": " ", "correct": "A"}""", "field 'rationale' is empty")]
    public void MalformedAquaRatLineNamesFileAndLine(string badLine, string problem)
    {
        using var dir = new TempDirectory();
        var path = dir.Write("bad.json", GoodAqua + "\n" + GoodAqua + "\n" + badLine + "\n");
        var error = Assert.Throws<DataFormatException>(() => AquaRatReader.ReadFile(path, "dev"));
        Assert.Equal(3, error.LineNumber);
        Assert.Contains(path, error.Message);
        Assert.Contains(problem, error.Message);
    }

    [Fact]
    public void MissingFileIsNamed()
    {
        var path = Path.Combine(Path.GetTempPath(), "forgetcloud-no-such", "train.json");
        var error = Assert.Throws<FileNotFoundException>(() => AquaRatReader.ReadFile(path, "train"));
        Assert.Contains(path, error.Message);
    }
}
