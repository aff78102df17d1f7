using ForgetCloud.Learning.Data;
using ForgetCloud.Learning.Evaluation;
using ForgetCloud.Learning.Modeling;
using ForgetCloud.Learning.Tokenization;
using static TorchSharp.torch;

namespace ForgetCloud.Learning.Tests.Evaluation;

public sealed class ForgettingCurveProbeTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public void A_point_is_the_token_weighted_answer_nll_computed_by_hand()
    {
        var tokenizer = EvaluationFixtures.Tokenizer;
        using var model = EvaluationFixtures.SmokeModel();
        var gsm8k = EvaluationFixtures.Gsm8k(5);
        var aquaRat = EvaluationFixtures.AquaRat(4);
        var probe = new ForgettingCurveProbe(new GoldTargetRequests(tokenizer, model.Config.MaxPositionEmbeddings),
            gsm8k, aquaRat, examples: 3, batchSize: 2, padTokenId: tokenizer.PadTokenId);

        var point = probe.Measure(model);

        var prompts = new ExampleTokenizer(tokenizer, model.Config.MaxPositionEmbeddings);
        var expectedGsm8k = ByHand(model, gsm8k.Take(3).Select(e =>
            (prompts.EncodePrompt(Gsm8kPromptFormat.Prompt(e)), Answer(tokenizer, Gsm8kPromptFormat.Target(e)))));
        var expectedAqua = ByHand(model, aquaRat.Take(3).Select(e =>
            (prompts.EncodePrompt(AquaRatPromptFormat.Prompt(e)), Answer(tokenizer, AquaRatPromptFormat.Target(e)))));
        Assert.Equal(expectedGsm8k, point.Gsm8kNll, 4);
        Assert.Equal(expectedAqua, point.AquaRatNll, 4);
        Assert.Equal(3, probe.Gsm8kItems);
        Assert.Equal(3, probe.AquaRatItems);
    }

    [Fact]
    public void A_point_agrees_with_the_stage_evaluation_of_the_same_items()
    {
        var tokenizer = EvaluationFixtures.Tokenizer;
        using var model = EvaluationFixtures.SmokeModel();
        var gsm8k = EvaluationFixtures.Gsm8k(4);
        var aquaRat = EvaluationFixtures.AquaRat(2);
        var probe = new ForgettingCurveProbe(new GoldTargetRequests(tokenizer, model.Config.MaxPositionEmbeddings),
            gsm8k, aquaRat, examples: 10, batchSize: 3, padTokenId: tokenizer.PadTokenId);

        var point = probe.Measure(model);
        var evaluator = new ModelEvaluator(model, tokenizer, EvaluationFixtures.Options(batchSize: 3, maxNewTokens: 2));
        var g = evaluator.EvaluateGsm8k(gsm8k, cancellationToken: Ct);
        var a = evaluator.EvaluateAquaRat(aquaRat, cancellationToken: Ct);

        // Fewer items than asked: the whole (small) test set.
        Assert.Equal(4, probe.Gsm8kItems);
        Assert.Equal(2, probe.AquaRatItems);
        Assert.Equal(g.Sum(r => r.AnswerNllSum) / g.Sum(r => r.AnswerTokens), point.Gsm8kNll, 5);
        Assert.Equal(a.Sum(r => r.RationaleNllSum) / a.Sum(r => r.RationaleTokens), point.AquaRatNll, 5);
    }

    private static int[] Answer(ITextTokenizer tokenizer, string target) => [.. tokenizer.Encode(target), tokenizer.EosTokenId];

    /// <summary>One unpadded forward pass per item: Σ -log p(answer token | prefix) / Σ answer tokens.</summary>
    private static double ByHand(LlamaForCausalLM model, IEnumerable<(int[] Prompt, int[] Answer)> items)
    {
        model.eval();
        using var noGrad = no_grad();
        double nll = 0;
        long tokens = 0;
        foreach (var (prompt, answer) in items)
        {
            using var scope = NewDisposeScope();
            int[] ids = [.. prompt, .. answer];
            var logits = model.forward(tensor(ids.Select(i => (long)i).ToArray(), [1, ids.Length])).to_type(ScalarType.Float64);
            var logProbs = nn.functional.log_softmax(logits[0], -1);
            for (var j = 0; j < answer.Length; j++)
                nll -= logProbs[prompt.Length - 1 + j, answer[j]].item<double>();
            tokens += answer.Length;
        }

        return nll / tokens;
    }
}
