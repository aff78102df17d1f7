using ForgetCloud.Learning.Tokenization;

namespace ForgetCloud.Learning.Tests.Tokenization;

/// <summary>Small hand-written tokenizer.json files: configuration sources and the errors for what is unsupported.</summary>
public class HuggingFaceTokenizerFileErrorTests
{
    // Byte-level vocabulary "a"=0, "b"=1, "Ġ"(space)=2, "ab"=3, with added tokens <s>=4 and </s>=5.
    private const string Tiny = """
        {"added_tokens": [{"id": 4, "content": "<s>", "special": true}, {"id": 5, "content": "</s>", "special": true}],
         "normalizer": null,
         "pre_tokenizer": {"type": "ByteLevel", "add_prefix_space": false, "use_regex": true},
         "post_processor": POST,
         "model": {"type": "BPE", "vocab": {"a": 0, "b": 1, "Ġ": 2, "ab": 3}, "merges": [["a", "b"]]}}
        """;

    private const string Template = """{"type": "TemplateProcessing", "single": [{"SpecialToken": {"id": "<s>", "type_id": 0}}, {"Sequence": {"id": "A", "type_id": 0}}]}""";

    [Fact]
    public void BosFromTheTemplateAndEosFromGenerationConfig()
    {
        using var dir = Write(Tiny.Replace("POST", Template));
        File.WriteAllText(dir.File("generation_config.json"), """{"eos_token_id": [5, 4]}""");
        var t = HuggingFaceTokenizerFile.Load(dir.File("tokenizer.json"));
        Assert.Equal(6, t.VocabSize);
        Assert.Equal(4, t.BosTokenId);
        Assert.Equal(5, t.EosTokenId);
        Assert.Equal([4, 3, 2, 3, 0, 5], t.Encode("ab aba</s>", addBos: true));
    }

    [Fact]
    public void MissingEosIsAnErrorNamingTheFilesLookedAt()
    {
        using var dir = Write(Tiny.Replace("POST", "null"));
        var e = Assert.Throws<InvalidDataException>(() => HuggingFaceTokenizerFile.Load(dir.File("tokenizer.json")));
        Assert.Contains("cannot determine the EOS token", e.Message);
        Assert.Contains("generation_config.json", e.Message);
    }

    [Fact]
    public void EosNamedInTokenizerConfigMustExist()
    {
        using var dir = Write(Tiny.Replace("POST", "null"));
        File.WriteAllText(dir.File("tokenizer_config.json"), """{"eos_token": "<|nope|>"}""");
        var e = Assert.Throws<InvalidDataException>(() => HuggingFaceTokenizerFile.Load(dir.File("tokenizer.json")));
        Assert.Contains("EOS token '<|nope|>'", e.Message);
    }

    [Theory]
    [InlineData("\"type\": \"BPE\"", "\"type\": \"WordPiece\"", "model.type is 'WordPiece'")]
    [InlineData("\"normalizer\": null", "\"normalizer\": {\"type\": \"NFC\"}", "normalizer 'NFC'")]
    [InlineData("\"add_prefix_space\": false", "\"add_prefix_space\": true", "add_prefix_space")]
    [InlineData("[[\"a\", \"b\"]]", "[\"a b c\"]", "model.merges[0]")]
    public void UnsupportedOrMalformedContentIsNamed(string find, string replace, string expected)
    {
        using var dir = Write(Tiny.Replace("POST", "null").Replace(find, replace));
        File.WriteAllText(dir.File("tokenizer_config.json"), """{"eos_token": "</s>"}""");
        var e = Assert.ThrowsAny<Exception>(() => HuggingFaceTokenizerFile.Load(dir.File("tokenizer.json")));
        Assert.True(e is InvalidDataException or NotSupportedException, e.GetType().Name);
        Assert.Contains(expected, e.Message);
        Assert.Contains("tokenizer.json", e.Message);
    }

    [Fact]
    public void MalformedJsonNamesTheFile()
    {
        using var dir = Write("{\"model\": ");
        var e = Assert.Throws<InvalidDataException>(() => HuggingFaceTokenizerFile.Load(dir.File("tokenizer.json")));
        Assert.Contains("malformed JSON", e.Message);
    }

    private static TempDirectory Write(string json)
    {
        var dir = new TempDirectory();
        File.WriteAllText(dir.File("tokenizer.json"), json);
        return dir;
    }
}
