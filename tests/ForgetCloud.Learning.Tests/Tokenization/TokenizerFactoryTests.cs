using ForgetCloud.Learning.Tokenization;

namespace ForgetCloud.Learning.Tests.Tokenization;

public class TokenizerFactoryTests
{
    [Theory]
    [InlineData("gpt2", 50257)]
    [InlineData("gpt2-8k", 8192)]
    [InlineData("gpt2-512", 512)]
    public void PresetsLoadByName(string name, int vocabSize)
    {
        var t = TokenizerFactory.Load(name);
        Assert.Equal(vocabSize, t.VocabSize);
        Assert.Equal(name, t.Name);
        Assert.Equal(vocabSize - 1, t.EosTokenId);
    }

    [Fact]
    public void UnknownNameIsReportedWithThePresets()
    {
        var e = Assert.Throws<ArgumentException>(() => TokenizerFactory.Load("gpt3"));
        Assert.Contains("'gpt3'", e.Message);
        Assert.Contains("gpt2-8k", e.Message);
    }

    [Fact]
    public void DirectoryPrefersTokenizerJson()
    {
        using var dir = new TempDirectory();
        File.Copy(TokenizerTestAssets.Llama3TokenizerJson, dir.File("tokenizer.json"));
        File.Copy(Path.Combine(TokenizerTestAssets.Llama3Directory, "tokenizer_config.json"), dir.File("tokenizer_config.json"));
        File.WriteAllText(dir.File("tokenizer.model"), "garbage that must not be read\n");
        var t = TokenizerFactory.Load(dir.Path);
        Assert.Equal(dir.File("tokenizer.json"), t.Name);
        Assert.Equal(Llama3Reference.HfIds("Natalia sold 48/2 = 24 clips."), t.Encode("Natalia sold 48/2 = 24 clips."));
    }

    [Fact]
    public void DirectoryFallsBackToTiktokenModelWithEosFromTokenizerConfig()
    {
        using var dir = new TempDirectory();
        File.WriteAllLines(dir.File("tokenizer.model"), Enumerable.Range(0, 256).Select(b => $"{Convert.ToBase64String([(byte)b])} {b}"));
        File.WriteAllText(dir.File("tokenizer_config.json"), """{"eos_token": {"content": "<|eot_id|>"}}""");
        var t = TokenizerFactory.Load(dir.Path);
        Assert.Equal(256 + 256, t.VocabSize);
        Assert.Equal(256 + 9, t.EosTokenId); // <|eot_id|> is the 10th special token
        Assert.Equal(256, t.BosTokenId);
        // Bytes only: each UTF-8 byte is its own id.
        Assert.Equal([(int)'H', (int)'i', 0xC3, 0xA9, 256 + 9], t.Encode("Hié<|eot_id|>"));
    }

    [Fact]
    public void DirectoryWithoutTokenizerIsReported()
    {
        using var dir = new TempDirectory();
        var e = Assert.Throws<FileNotFoundException>(() => TokenizerFactory.FromDirectory(dir.Path));
        Assert.Contains("tokenizer.json", e.Message);
        Assert.Contains("tokenizer.model", e.Message);
    }
}
