using System.Text.Json;
using ForgetCloud.Learning.Tokenization;

namespace ForgetCloud.Learning.Tests.Tokenization;

public class TiktokenModelFileTests
{
    private static readonly Lazy<string> ConvertedDirectory = new(ConvertLlama3ToTiktoken);

    [Fact]
    public void Llama3VocabConvertedToTiktokenGivesHuggingFacesIds()
    {
        var t = TiktokenModelFile.Load(Path.Combine(ConvertedDirectory.Value, "tokenizer.model"));
        foreach (var text in Llama3Reference.RealText.Concat(TokenizerTestAssets.TrickyStrings))
        {
            Assert.Equal(Llama3Reference.HfIds(text), t.Encode(text));
            Assert.Equal(text, t.Decode(t.Encode(text)));
        }
    }

    [Fact]
    public void SpecialTokensAreNumberedAfterTheRanks()
    {
        var t = TiktokenModelFile.Load(Path.Combine(ConvertedDirectory.Value, "tokenizer.model"), Llama3Tokenization.EndOfTurn);
        Assert.Equal(128256, t.VocabSize);
        Assert.Equal(128000, t.BosTokenId);
        Assert.Equal(128009, t.EosTokenId);
        Assert.Equal(128009, t.PadTokenId);
        Assert.Equal(128006, t.SpecialTokens["<|start_header_id|>"]);
        Assert.Equal(128255, t.SpecialTokens["<|reserved_special_token_250|>"]);
        // The same names and ids as the added tokens of the real tokenizer.json.
        Assert.Equal(Llama3Reference.Ours.SpecialTokens.OrderBy(p => p.Value), t.SpecialTokens.OrderBy(p => p.Value));
    }

    [Theory]
    [InlineData("IQ== 0\nIg== 2\n", "rank 2 out of order; expected 1", 2)]
    [InlineData("IQ== 0\nnot-base64! 1\n", "expected 'base64-token rank'", 2)]
    [InlineData("IQ== 0\nIg==\n", "expected 'base64-token rank'", 2)]
    [InlineData("IQ== 0\n\nIg== 1\n", "empty line", 2)]
    public void MalformedFilesNameTheLine(string content, string expected, int line)
    {
        using var dir = new TempDirectory();
        File.WriteAllText(dir.File("tokenizer.model"), content);
        var e = Assert.Throws<InvalidDataException>(() => TiktokenModelFile.Load(dir.File("tokenizer.model")));
        Assert.Contains($"tokenizer.model:{line}:", e.Message);
        Assert.Contains(expected, e.Message);
    }

    [Fact]
    public void MissingFileIsReported()
    {
        var e = Assert.Throws<FileNotFoundException>(() => TiktokenModelFile.Load("/nonexistent/tokenizer.model"));
        Assert.Contains("/nonexistent/tokenizer.model", e.Message);
    }

    // tiktoken format from the tokenizer.json vocabulary: base64 of each token's bytes, then its id as the rank.
    private static string ConvertLlama3ToTiktoken()
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(TokenizerTestAssets.Llama3TokenizerJson));
        var lines = doc.RootElement.GetProperty("model").GetProperty("vocab").EnumerateObject()
            .Select(p => (Bytes: ByteLevelAlphabet.ToBytes(p.Name), Rank: p.Value.GetInt32()))
            .OrderBy(p => p.Rank)
            .Select(p => $"{Convert.ToBase64String(p.Bytes)} {p.Rank}");
        var dir = Directory.CreateTempSubdirectory("forgetcloud-tiktoken-").FullName;
        File.WriteAllLines(Path.Combine(dir, "tokenizer.model"), lines);
        return dir;
    }
}
