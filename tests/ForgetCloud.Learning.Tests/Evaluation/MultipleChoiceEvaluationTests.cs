using ForgetCloud.Learning.Data;
using ForgetCloud.Learning.Evaluation;
using ForgetCloud.Learning.Metrics;
using ForgetCloud.Learning.Modeling;
using static TorchSharp.torch;

namespace ForgetCloud.Learning.Tests.Evaluation;

/// <summary>
/// AQUA-RAT option scoring on a model whose answer is known by construction: every residual branch is zeroed and
/// every embedding is e_0, so the final hidden state is the same at every position and the model is a unigram
/// distribution softmax(h0 * W[:, 0]). Setting the head's column 0 picks the distribution, so each option's
/// log-likelihood is a sum of known log-probabilities.
/// </summary>
public class MultipleChoiceEvaluationTests
{
    private const double Preferred = 8;

    private static readonly AquaRatExample Item = new(
        "aqua_rat-test-0",
        "A train covers 120 km in 2 hours. What is its speed?",
        [
            new AquaRatOption('A', "45"), new AquaRatOption('B', "sixty"), new AquaRatOption('C', "90"),
            new AquaRatOption('D', "bold"), new AquaRatOption('E', "qqqq"),
        ],
        "120 / 2 = 60",
        'B');

    /// <summary>The smoke model turned into the unigram model; returns log p(token) computed in double.</summary>
    private static double[] MakeUnigram(LlamaForCausalLM model, ISet<int> preferred)
    {
        using var noGrad = no_grad();
        foreach (var layer in model.Model.Layers)
        {
            layer.SelfAttention.Projections["o_proj"].Weight.zero_();
            layer.Mlp.Projections["down_proj"].Weight.zero_();
        }

        var embedding = model.Model.EmbedTokens.weight!;
        embedding.zero_();
        embedding[.., 0].fill_(1);
        var hidden = model.Config.HiddenSize;
        // RMSNorm of e_0 (norm weight 1): 1 / sqrt(1 / hidden + eps) in component 0, zero elsewhere.
        var h0 = 1 / Math.Sqrt(1.0 / hidden + model.Config.RmsNormEps);
        var vocab = model.Config.VocabSize;
        var column = Enumerable.Range(0, vocab).Select(v => (float)((preferred.Contains(v) ? Preferred : 0) / h0)).ToArray();
        model.HeadWeight[.., 0].copy_(tensor(column));

        var logits = column.Select(w => h0 * w).ToArray();
        var max = logits.Max();
        var logSum = max + Math.Log(logits.Sum(l => Math.Exp(l - max)));
        return [.. logits.Select(l => l - logSum)];
    }

    /// <summary>
    /// The tokens of option <paramref name="chosen"/> that no other option uses. Preferring them makes that option the
    /// model's answer by construction: every other option's tokens are all unpreferred, and the chosen one has at most
    /// one unpreferred token (a leading space shared by all).
    /// </summary>
    private static HashSet<int> PreferredTokens(int[][] continuations, int chosen)
    {
        var others = continuations.Where((_, k) => k != chosen).SelectMany(c => c).ToHashSet();
        var preferred = continuations[chosen].Except(others).ToHashSet();
        Assert.True(continuations[chosen].Count(t => !preferred.Contains(t)) <= 1, "the options were chosen to share at most the space token");
        return preferred;
    }

    [Fact]
    public void TheKnownAnswerWinsAndLogLikelihoodsAreTheSumsOfTokenLogProbabilities()
    {
        var tokenizer = EvaluationFixtures.Tokenizer;
        var continuations = Item.Options.Select(o => tokenizer.Encode(AquaRatPromptFormat.OptionContinuation(o)).ToArray()).ToArray();
        var gold = AquaRatExample.Letters.IndexOf(Item.Correct);
        var preferred = PreferredTokens(continuations, gold);

        using var model = EvaluationFixtures.SmokeModel();
        var logProb = MakeUnigram(model, preferred);
        var evaluator = new ModelEvaluator(model, tokenizer, EvaluationFixtures.Options(batchSize: 2, maxNewTokens: 4));
        var result = Assert.Single(evaluator.EvaluateAquaRat([Item], cancellationToken: TestContext.Current.CancellationToken));

        var prompt = new ExampleTokenizer(tokenizer, 256).EncodePrompt(AquaRatPromptFormat.Prompt(Item));
        for (var k = 0; k < 5; k++)
        {
            // By formula: the unigram model's log-probabilities of the option's tokens.
            Assert.Equal(continuations[k].Sum(t => logProb[t]), result.OptionLogLikelihoods[k], 1e-3);
            // By the unbatched scorer, on prompt + option.
            var alone = SequenceScorer.Score(model, [.. prompt, .. continuations[k]]);
            Assert.Equal(alone.LogProbs.Skip(prompt.Length - 1).Sum(), result.OptionLogLikelihoods[k], 1e-4);
        }

        Assert.Equal("B", result.Predicted);
        Assert.True(result.Correct);
        // acc_norm by hand: log-likelihood per character of the option text.
        var perChar = Enumerable.Range(0, 5).Select(k => result.OptionLogLikelihoods[k] / Item.Options[k].Text.Length).ToArray();
        Assert.Equal(AquaRatExample.Letters[Array.IndexOf(perChar, perChar.Max())].ToString(), result.PredictedNorm);
        Assert.Equal(AquaRatAnswerExtraction.ExtractLetter(result.Output), result.GeneratedLetter);
    }

    [Fact]
    public void MovingThePreferenceMovesThePrediction()
    {
        var tokenizer = EvaluationFixtures.Tokenizer;
        var continuations = Item.Options.Select(o => tokenizer.Encode(AquaRatPromptFormat.OptionContinuation(o)).ToArray()).ToArray();
        var target = 3; // "bold": the model now prefers D, which is wrong.
        var preferred = PreferredTokens(continuations, target);
        using var model = EvaluationFixtures.SmokeModel();
        MakeUnigram(model, preferred);
        var result = Assert.Single(new ModelEvaluator(model, tokenizer, EvaluationFixtures.Options()).EvaluateAquaRat([Item], cancellationToken: TestContext.Current.CancellationToken));
        Assert.Equal("D", result.Predicted);
        Assert.False(result.Correct);
        Assert.Equal("B", result.Gold);
    }
}
