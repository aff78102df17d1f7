using ForgetCloud.Learning.Modeling;
using static TorchSharp.torch;

namespace ForgetCloud.Learning.Tests.Modeling;

public class LlamaForwardTests
{
    private static readonly int[] Tokens = [3, 17, 5, 29, 0, 11, 8];

    [Theory]
    [InlineData(1, false)]
    [InlineData(2, true)]
    public void MatchesAnIndependentPlainLoopImplementation(int layers, bool tied)
    {
        using var model = TinyModels.Create(TinyModels.Config(layers: layers, tied: tied));
        var expected = new NaiveLlama(model).Logits(Tokens);
        using var logits = model.Forward(TinyModels.Ids(Tokens.Select(t => (long)t).ToArray()));
        Assert.Equal([1, Tokens.Length, 32], logits.shape);
        var actual = TinyModels.Values(logits);
        for (var t = 0; t < Tokens.Length; t++)
            for (var v = 0; v < 32; v++) Assert.Equal(expected[t][v], actual[t * 32 + v], 1e-4);
    }

    [Fact]
    public void StateDictNamesAreHuggingFaces()
    {
        using var untied = new LlamaForCausalLM(TinyModels.Config(layers: 1));
        string[] expected =
        [
            "model.embed_tokens.weight",
            "model.layers.0.self_attn.q_proj.weight", "model.layers.0.self_attn.k_proj.weight",
            "model.layers.0.self_attn.v_proj.weight", "model.layers.0.self_attn.o_proj.weight",
            "model.layers.0.mlp.gate_proj.weight", "model.layers.0.mlp.up_proj.weight", "model.layers.0.mlp.down_proj.weight",
            "model.layers.0.input_layernorm.weight", "model.layers.0.post_attention_layernorm.weight",
            "model.norm.weight", "lm_head.weight",
        ];
        Assert.Equal(expected.Order(), untied.named_parameters().Select(p => p.name).Order());
        using var tied = new LlamaForCausalLM(TinyModels.Config(layers: 1, tied: true));
        Assert.DoesNotContain(tied.named_parameters(), p => p.name == "lm_head.weight");
        using var biased = new LlamaForCausalLM(TinyModels.Config(layers: 1) with { AttentionBias = true });
        Assert.Contains(biased.named_parameters(), p => p.name == "model.layers.0.self_attn.q_proj.bias");
    }

    [Fact]
    public void AppendingATokenNeverChangesEarlierLogProbs()
    {
        using var model = TinyModels.Create(TinyModels.Config(layers: 2));
        using var shortLogits = model.Forward(TinyModels.Ids(3, 17, 5, 29));
        using var longLogits = model.Forward(TinyModels.Ids(3, 17, 5, 29, 30, 2));
        var a = TinyModels.Values(shortLogits.log_softmax(-1));
        var b = TinyModels.Values(longLogits.log_softmax(-1).narrow(1, 0, 4));
        for (var i = 0; i < a.Length; i++) Assert.Equal(a[i], b[i], 1e-5);
    }

    [Fact]
    public void GqaWithDuplicatedKeyValueHeadsEqualsFullMultiHeadAttention()
    {
        using var gqa = TinyModels.Create(TinyModels.Config(heads: 2, kvHeads: 1));
        using var mha = new LlamaForCausalLM(TinyModels.Config(heads: 2, kvHeads: 2));
        var source = gqa.named_parameters().ToDictionary(p => p.name, p => p.parameter);
        using (no_grad())
            foreach (var (name, p) in mha.named_parameters())
            {
                var s = source[name];
                // MHA k/v rows = the single GQA kv head repeated for both query heads.
                if (name.Contains("k_proj") || name.Contains("v_proj")) p.copy_(cat([s, s], 0));
                else p.copy_(s);
            }
        using var ids = TinyModels.Ids(4, 9, 1, 22, 13);
        var expected = TinyModels.Values(mha.Forward(ids));
        var actual = TinyModels.Values(gqa.Forward(ids));
        for (var i = 0; i < expected.Length; i++) Assert.Equal(expected[i], actual[i], 1e-5);
    }

    [Fact]
    public void TiedModelUsesTheEmbeddingAsItsHead()
    {
        using var tied = TinyModels.Create(TinyModels.Config(tied: true));
        using var untied = new LlamaForCausalLM(TinyModels.Config(tied: false));
        var source = tied.named_parameters().ToDictionary(p => p.name, p => p.parameter);
        using (no_grad())
            foreach (var (name, p) in untied.named_parameters())
                p.copy_(source[name == "lm_head.weight" ? "model.embed_tokens.weight" : name]);
        using var ids = TinyModels.Ids(1, 2, 3);
        Assert.Equal(TinyModels.Values(untied.Forward(ids)), TinyModels.Values(tied.Forward(ids)));
    }

    [Fact]
    public void LeftAndRightPaddingLeaveRealTokensUnchanged()
    {
        using var model = TinyModels.Create(TinyModels.Config(layers: 2));
        var alone = TinyModels.Values(model.Forward(TinyModels.Ids(5, 6, 7)));
        using var ids = tensor(new long[] { 0, 0, 5, 6, 7, 5, 6, 7, 0, 0 }, [2, 5]);
        using var mask = tensor(new long[] { 0, 0, 1, 1, 1, 1, 1, 1, 0, 0 }, [2, 5]);
        using var logits = model.Forward(ids, mask);
        var left = TinyModels.Values(logits[0].narrow(0, 2, 3));
        var right = TinyModels.Values(logits[1].narrow(0, 0, 3));
        Assert.DoesNotContain(TinyModels.Values(logits), float.IsNaN);
        for (var i = 0; i < alone.Length; i++)
        {
            Assert.Equal(alone[i], left[i], 1e-5);
            Assert.Equal(alone[i], right[i], 1e-5);
        }
    }

    [Fact]
    public void IncrementalDecodingWithTheCacheEqualsTheFullForward()
    {
        using var model = TinyModels.Create(TinyModels.Config(layers: 2));
        var full = TinyModels.Values(model.Forward(TinyModels.Ids(3, 1, 4, 1, 5, 9)));
        using var cache = model.CreateCache(capacity: 2); // forces the buffers to grow
        var first = TinyModels.Values(model.Forward(TinyModels.Ids(3, 1, 4), cache: cache));
        var rest = new List<float>(first);
        foreach (var t in new long[] { 1, 5, 9 }) rest.AddRange(TinyModels.Values(model.Forward(TinyModels.Ids(t), cache: cache)));
        Assert.Equal(6, cache.Length);
        for (var i = 0; i < full.Length; i++) Assert.Equal(full[i], rest[i], 1e-5);
    }

    [Fact]
    public void Bf16ModelStaysCloseToFp32()
    {
        using var fp32 = ModelFactory.Create(ModelPresets.Smoke);
        using var bf16 = ModelFactory.Create(ModelPresets.Smoke, ScalarType.BFloat16);
        using var ids = TinyModels.Ids(3, 17, 5, 29, 300, 2);
        using var a = fp32.Forward(ids).log_softmax(-1);
        using var b = bf16.Forward(ids).log_softmax(-1);
        Assert.Equal(ScalarType.Float32, b.dtype);
        // bf16 keeps 8 mantissa bits: log-probs agree to a few hundredths, not exactly.
        var gap = (a - b).abs().max().item<float>();
        Assert.True(gap is > 0 and < 0.05f, $"max |fp32 - bf16| log-prob gap {gap}");
    }

    [Fact]
    public void ScorerReturnsLogProbsOfEachTokenAfterTheFirst()
    {
        using var model = TinyModels.Create(TinyModels.Config(layers: 1));
        int[] ids = [3, 17, 5, 29];
        var reference = new NaiveLlama(model).Logits(ids).Select(NaiveLlama.LogSoftmax).ToArray();
        var score = SequenceScorer.Score(model, ids);
        Assert.Equal(3, score.LogProbs.Count);
        for (var i = 1; i < ids.Length; i++) Assert.Equal(reference[i - 1][ids[i]], score.LogProbs[i - 1], 1e-4);
        Assert.Equal(-score.LogProbs.Average(), score.MeanNll, 1e-12);
        Assert.Throws<ArgumentException>(() => SequenceScorer.Score(model, [3, 40]));
        Assert.Throws<ArgumentException>(() => SequenceScorer.Score(model, [3]));
    }

    [Fact]
    public void SeededInitIsDeterministicWithStd002()
    {
        using var a = ModelFactory.Create(ModelPresets.Smoke);
        using var b = ModelFactory.Create(ModelPresets.Smoke);
        var wa = TinyModels.Values(a.Model.EmbedTokens.weight!);
        Assert.Equal(wa, TinyModels.Values(b.Model.EmbedTokens.weight!));
        var std = Math.Sqrt(wa.Select(v => (double)v * v).Average());
        Assert.InRange(std, 0.019, 0.021);
        Assert.All(TinyModels.Values(a.named_parameters().First(p => p.name == "model.norm.weight").parameter), v => Assert.Equal(1f, v));
    }
}
