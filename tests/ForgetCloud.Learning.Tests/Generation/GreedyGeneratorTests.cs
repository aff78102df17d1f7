using ForgetCloud.Learning.Generation;
using ForgetCloud.Learning.Modeling;
using ForgetCloud.Learning.Tests.Modeling;
using ForgetCloud.Learning.Tokenization;
using static TorchSharp.torch;

namespace ForgetCloud.Learning.Tests.Generation;

public class GreedyGeneratorTests
{
    /// <summary>Reference: argmax of a full, uncached, unbatched forward at every step.</summary>
    private static List<int> NaiveGreedy(LlamaForCausalLM model, IReadOnlyList<int> prompt, int steps, int? eos)
    {
        var ids = prompt.ToList();
        var output = new List<int>();
        using var noGrad = no_grad();
        for (var s = 0; s < steps; s++)
        {
            using var logits = model.Forward(TinyModels.Ids(ids.Select(i => (long)i).ToArray()));
            var next = (int)logits[0, -1].argmax().item<long>();
            if (next == eos) break;
            output.Add(next);
            ids.Add(next);
        }
        return output;
    }

    [Fact]
    public void BatchedCachedDecodingEqualsUnbatchedUncachedArgmax()
    {
        using var model = ModelFactory.Create(ModelPresets.Smoke);
        IReadOnlyList<int>[] prompts = [[5, 9, 100, 42, 7, 300], [17], [256, 3, 3], [400, 401, 402, 403, 404, 405, 406, 407, 1]];
        var results = new GreedyGenerator(model).Generate(prompts, new GenerationOptions { MaxNewTokens = 12, PadTokenId = 0 });
        for (var i = 0; i < prompts.Length; i++)
        {
            Assert.Equal(NaiveGreedy(model, prompts[i], 12, null), results[i].TokenIds);
            Assert.Equal(FinishReason.MaxNewTokens, results[i].FinishReason);
        }
    }

    [Fact]
    public void StopsAtEosPerSequenceWithoutDisturbingTheOthers()
    {
        using var model = ModelFactory.Create(ModelPresets.Smoke);
        IReadOnlyList<int>[] prompts = [[5, 9, 100], [17, 2]];
        var free = NaiveGreedy(model, prompts[0], 8, null);
        var eos = free[3]; // pretend the 4th generated token of prompt 0 is EOS
        var results = new GreedyGenerator(model).Generate(prompts, new GenerationOptions { MaxNewTokens = 8, EosTokenIds = [eos], PadTokenId = 0 });
        Assert.Equal(FinishReason.Eos, results[0].FinishReason);
        Assert.Equal(free.TakeWhile(t => t != eos), results[0].TokenIds);
        Assert.Equal(NaiveGreedy(model, prompts[1], 8, eos), results[1].TokenIds);
    }

    [Fact]
    public void FinishedRowsLeaveTheBatchAndStopCostingForwardRows()
    {
        using var model = ModelFactory.Create(ModelPresets.Smoke);
        IReadOnlyList<int>[] prompts = [[5, 9, 100], [17, 2], [256, 3, 3, 8]];
        var free = prompts.Select(p => NaiveGreedy(model, p, 8, null)).ToArray();
        // EOS = row 0's second token; rows 1 and 2 must not produce it within 8 steps for the count below.
        var eos = free[0][1];
        Assert.DoesNotContain(eos, free[0].Take(1));
        Assert.DoesNotContain(eos, free[1]);
        Assert.DoesNotContain(eos, free[2]);

        var generator = new GreedyGenerator(model);
        var results = generator.Generate(prompts, new GenerationOptions { MaxNewTokens = 8, EosTokenIds = [eos], PadTokenId = 0 });

        Assert.Equal(free[0].Take(1), results[0].TokenIds);
        Assert.Equal(FinishReason.Eos, results[0].FinishReason);
        Assert.Equal(free[1], results[1].TokenIds);
        Assert.Equal(free[2], results[2].TokenIds);
        // By hand: steps 0 and 1 forward 3 rows; row 0 emits EOS at step 1, and 1 finished of 3 present is at least a
        // quarter, so it is dropped: steps 2-7 forward 2 rows. 3 + 3 + 6 x 2 = 18 (24 if finished rows stayed).
        Assert.Equal(18, generator.RowStepsForwarded);
    }

    [Fact]
    public void StopStringsEndGenerationAndCutTheText()
    {
        using var model = ModelFactory.Create(ModelPresets.Smoke);
        IReadOnlyList<int>[] prompts = [[5, 9, 100]];
        var free = NaiveGreedy(model, prompts[0], 6, null);
        static string Decode(IReadOnlyList<int> ids) => string.Concat(ids.Select(i => $"<{i}>"));
        var stop = $"<{free[2]}>";
        var cutAt = Decode(free).IndexOf(stop, StringComparison.Ordinal);
        var result = new GreedyGenerator(model).Generate(prompts, new GenerationOptions
        {
            MaxNewTokens = 6, PadTokenId = 0, StopStrings = [stop], Decode = Decode,
        })[0];
        Assert.Equal(FinishReason.StopString, result.FinishReason);
        Assert.Equal(Decode(free)[..cutAt], result.Text);
        Assert.Equal(free.Take(result.TokenIds.Count), result.TokenIds);
        Assert.Throws<ArgumentException>(() => new GreedyGenerator(model).Generate(prompts, new GenerationOptions { StopStrings = ["x"] }));
        Assert.Throws<ArgumentException>(() => new GreedyGenerator(model).Generate([[600]], new GenerationOptions()));
    }

    [Fact]
    public void A_stop_string_late_in_a_long_output_stops_where_decoding_every_prefix_would()
    {
        // Real byte-level decoding, and a stop string far past the tail window the generator decodes per token.
        using var model = ModelFactory.Create(ModelPresets.Smoke);
        var tokenizer = TokenizerFactory.FromName(ModelPresets.Smoke.TokenizerName);
        IReadOnlyList<int>[] prompts = [tokenizer.Encode("Question: what is 12 + 30?\nAnswer:")];
        var free = NaiveGreedy(model, prompts[0], 150, null);
        // Three consecutive tokens whose text first appears where they end, past the window: no single token holds it.
        int FirstCompletion(string stop) =>
            Enumerable.Range(1, free.Count).First(n => tokenizer.Decode(free.Take(n)).Contains(stop, StringComparison.Ordinal));
        var (stop, stopAfter) = Enumerable.Range(0, free.Count - 3)
            .Select(k => (Stop: tokenizer.Decode(free.Skip(k).Take(3)), End: k + 3))
            .Where(c => c.Stop.Length > 0 && c.End > 4 * c.Stop.Length + 1 && FirstCompletion(c.Stop) == c.End)
            .FirstOrDefault();
        Assert.True(stop is not null, "the free-running output has no three-token span that first completes past the window");
        var prefix = tokenizer.Decode(free.Take(stopAfter));
        var result = new GreedyGenerator(model).Generate(prompts, new GenerationOptions
        {
            MaxNewTokens = 150, PadTokenId = tokenizer.PadTokenId, StopStrings = [stop], Decode = ids => tokenizer.Decode(ids),
        })[0];

        Assert.Equal(FinishReason.StopString, result.FinishReason);
        Assert.Equal(free.Take(stopAfter), result.TokenIds);
        Assert.Equal(prefix[..prefix.IndexOf(stop, StringComparison.Ordinal)], result.Text);
    }
}
