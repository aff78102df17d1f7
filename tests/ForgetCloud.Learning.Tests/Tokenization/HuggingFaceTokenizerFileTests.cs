using System.Text.Json.Nodes;
using ForgetCloud.Learning.Tokenization;

namespace ForgetCloud.Learning.Tests.Tokenization;

public class HuggingFaceTokenizerFileTests
{
    [Fact]
    public void Llama3IdsEqualHuggingFacesOnRealText()
    {
        var texts = Llama3Reference.RealText;
        Assert.True(texts.Count >= 300, $"only {texts.Count} texts");
        foreach (var text in texts)
        {
            Assert.Equal(Llama3Reference.HfIds(text), Llama3Reference.Ours.Encode(text));
        }
    }

    [Fact]
    public void Llama3IdsEqualHuggingFacesOnTrickyStrings()
    {
        foreach (var text in TokenizerTestAssets.TrickyStrings)
        {
            var expected = Llama3Reference.HfIds(text);
            var actual = Llama3Reference.Ours.Encode(text);
            Assert.True(expected.SequenceEqual(actual),
                $"'{text}': HF [{string.Join(",", expected)}] vs ours [{string.Join(",", actual)}]");
        }
    }

    [Fact]
    public void Llama3SpecialIdsComeFromTheAddedTokensAndTokenizerConfig()
    {
        var t = Llama3Reference.Ours;
        Assert.Equal(128256, t.VocabSize); // 128000 BPE ids + 256 added tokens
        Assert.Equal(128000, t.BosTokenId); // tokenizer_config.json: bos_token <|begin_of_text|>
        Assert.Equal(128001, t.EosTokenId); // eos_token <|end_of_text|>
        Assert.Equal(128001, t.PadTokenId); // no pad_token: pad = EOS
        Assert.Equal(128009, t.SpecialTokens["<|eot_id|>"]);
        Assert.Equal(256, t.SpecialTokens.Count);
    }

    [Fact]
    public void SpecialTokensInTextBecomeSingleIdsAndBosIsPrependedOnRequest()
    {
        var t = Llama3Reference.Ours;
        var plain = t.Encode("Hello");
        var ids = t.Encode("<|start_header_id|>Hello<|eot_id|>", addBos: true);
        Assert.Equal([128000, 128006, .. plain, 128009], ids);
        Assert.Equal("<|begin_of_text|><|start_header_id|>Hello<|eot_id|>", t.Decode(ids));
    }

    [Fact]
    public void DecodeInvertsEncodeOnRealAndTrickyText()
    {
        foreach (var text in Llama3Reference.RealText.Concat(TokenizerTestAssets.TrickyStrings))
        {
            Assert.Equal(text, Llama3Reference.Ours.Decode(Llama3Reference.Ours.Encode(text)));
        }
    }

    [Fact]
    public void ArrayFormMergesGiveTheSameIdsAsStringForm()
    {
        using var dir = new TempDirectory();
        var json = JsonNode.Parse(File.ReadAllText(TokenizerTestAssets.Llama3TokenizerJson))!;
        var merges = json["model"]!["merges"]!.AsArray();
        var pairs = new JsonArray(merges.Select(m =>
        {
            var parts = m!.GetValue<string>().Split(' ');
            return (JsonNode)new JsonArray(parts[0], parts[1]);
        }).ToArray());
        json["model"]!["merges"] = pairs;
        File.WriteAllText(dir.File("tokenizer.json"), json.ToJsonString());
        File.Copy(Path.Combine(TokenizerTestAssets.Llama3Directory, "tokenizer_config.json"), dir.File("tokenizer_config.json"));

        var arrayForm = HuggingFaceTokenizerFile.Load(dir.File("tokenizer.json"));
        foreach (var text in Llama3Reference.RealText.Take(60).Concat(TokenizerTestAssets.TrickyStrings))
        {
            Assert.Equal(Llama3Reference.HfIds(text), arrayForm.Encode(text));
        }
    }
}
