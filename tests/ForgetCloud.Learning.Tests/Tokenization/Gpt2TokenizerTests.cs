using ForgetCloud.Learning.Tokenization;

namespace ForgetCloud.Learning.Tests.Tokenization;

public class Gpt2TokenizerTests
{
    [Fact]
    public void FullGpt2HasItsPublishedIdsAndSpecialTokens()
    {
        var t = Gpt2Tokenizers.Full();
        Assert.Equal(50257, t.VocabSize);
        Assert.Null(t.BosTokenId);
        Assert.Equal(50256, t.EosTokenId);
        Assert.Equal(50256, t.PadTokenId);
        // Ids published with GPT-2's encoder.json: "Hello"=15496, " world"=995, "<|endoftext|>"=50256.
        Assert.Equal([15496, 995, 50256], t.Encode("Hello world<|endoftext|>"));
        Assert.Equal([15496, 995], t.Encode("Hello world", addBos: true)); // no BOS to add
    }

    [Fact]
    public void TruncatedToTheFullSizeEqualsFullGpt2OnRealText()
    {
        // Exercises the truncation path (re-read ranks, our pre-tokenizer regex) against the library's own GPT-2.
        var full = Gpt2Tokenizers.Full();
        var same = Gpt2Tokenizers.Truncated(Gpt2Tokenizers.FullVocabSize);
        foreach (var text in TokenizerTestAssets.Gsm8k("test", 150).Concat(TokenizerTestAssets.Aqua(40)).Concat(TokenizerTestAssets.TrickyStrings))
        {
            Assert.Equal(full.Encode(text), same.Encode(text));
        }
    }

    [Theory]
    [InlineData(512)]
    [InlineData(8192)]
    public void TruncatedRoundTripsRealTextWithIdsBelowItsSize(int vocabSize)
    {
        var t = Gpt2Tokenizers.Truncated(vocabSize);
        Assert.Equal(vocabSize, t.VocabSize);
        Assert.Null(t.BosTokenId);
        Assert.Equal(vocabSize - 1, t.EosTokenId);
        Assert.Equal(vocabSize - 1, t.PadTokenId);
        Assert.Equal([vocabSize - 1], t.Encode("<|endoftext|>"));
        foreach (var text in TokenizerTestAssets.Gsm8k("test", 150).Concat(TokenizerTestAssets.Aqua(40)).Concat(TokenizerTestAssets.TrickyStrings))
        {
            var ids = t.Encode(text);
            Assert.All(ids, id => Assert.InRange(id, 0, vocabSize - 2)); // plain text never yields EOS
            Assert.Equal(text, t.Decode(ids));
        }
    }

    [Theory]
    [InlineData(512)]
    [InlineData(8192)]
    public void TruncatedAgreesWithFullGpt2WhereFullUsesOnlyKeptTokens(int vocabSize)
    {
        // BPE by rank never forms a token from parts of higher rank, so where full GPT-2's pieces all have
        // rank < N-1, the merges leading to them are all kept and the truncated tokenizer takes the same steps.
        var full = Gpt2Tokenizers.Full();
        var t = Gpt2Tokenizers.Truncated(vocabSize);
        var words = TokenizerTestAssets.Gsm8k("test", 150).SelectMany(s => s.Split(' ').Select(w => " " + w)).Distinct().ToList();
        var compared = 0;
        foreach (var word in words)
        {
            var expected = full.Encode(word);
            if (expected.All(id => id < vocabSize - 1))
            {
                Assert.Equal(expected, t.Encode(word));
                compared++;
            }
            else
            {
                Assert.True(t.Encode(word).Count > expected.Count, $"'{word}' should need more tokens without the higher merges");
            }
        }

        Assert.True(compared > 50, $"only {compared} words made only of kept tokens");
    }

    [Fact]
    public void FewerMergesMeanMoreTokensPerCharacterOnGsm8k()
    {
        var text = TokenizerTestAssets.Gsm8k("train", 1000);
        var characters = text.Sum(s => s.Length);
        var full = TokensPerCharacter(Gpt2Tokenizers.Full(), text, characters);
        var k8 = TokensPerCharacter(Gpt2Tokenizers.Truncated(8192), text, characters);
        var small = TokensPerCharacter(Gpt2Tokenizers.Truncated(512), text, characters);
        TestContext.Current.TestOutputHelper?.WriteLine($"GSM8K train (1000 records, {characters} chars) tokens/char: gpt2 {full:F4}, gpt2-8k {k8:F4}, gpt2-512 {small:F4}");
        Assert.True(full < k8 && k8 < small, $"tokens/char: gpt2 {full}, gpt2-8k {k8}, gpt2-512 {small}");
        Assert.True(small < 1.0, "even 255 merges must compress below one token per byte-level character");
    }

    [Theory]
    [InlineData(256)]
    [InlineData(0)]
    [InlineData(50258)]
    public void TruncationOutsideTheVocabularyIsRejected(int vocabSize) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => Gpt2Tokenizers.Truncated(vocabSize));

    [Fact]
    public void DecodeRejectsIdsOutsideTheVocabulary()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => Gpt2Tokenizers.Truncated(512).Decode([5, 512]));
        Assert.Contains("512", e.Message);
    }

    private static double TokensPerCharacter(ITextTokenizer t, IReadOnlyList<string> text, int characters) =>
        (double)text.Sum(s => t.Encode(s).Count) / characters;
}
