using ForgetCloud.Learning.Data;
using ForgetCloud.Learning.Evaluation;
using ForgetCloud.Learning.Metrics;
using ForgetCloud.Learning.Modeling;
using static TorchSharp.torch;

namespace ForgetCloud.Learning.Tests.Evaluation;

/// <summary>
/// AQUA-RAT letter scoring on a model whose answer is known by construction: every residual branch is zeroed and
/// every embedding is e_0, so the final hidden state is the same at every position and the model is a unigram
/// distribution softmax(h0 * W[:, 0]). Setting the head's column 0 picks the distribution, so each letter's
/// log-likelihood is a known log-probability.
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

    /// <summary>The tokens of each option's scored letter (" A" .. " E") in the smoke tokenizer.</summary>
    private static int[][] LetterTokens() =>
        [.. Item.Options.Select(o => EvaluationFixtures.Tokenizer.Encode(AquaRatPromptFormat.LetterContinuation(o.Letter)).ToArray())];

    [Fact]
    public void TheKnownLetterWinsAndEachLogLikelihoodIsThatLettersLogProbability()
    {
        var tokenizer = EvaluationFixtures.Tokenizer;
        var letters = LetterTokens();
        // GPT-2's BPE has " A" .. " E" as single tokens, so each letter's log-likelihood is one log-probability.
        Assert.All(letters, l => Assert.Single(l));
        var gold = AquaRatExample.Letters.IndexOf(Item.Correct);

        using var model = EvaluationFixtures.SmokeModel();
        var logProb = MakeUnigram(model, new HashSet<int> { letters[gold][0] });
        var evaluator = new ModelEvaluator(model, tokenizer, EvaluationFixtures.Options(batchSize: 2, maxNewTokens: 4));
        var result = Assert.Single(evaluator.EvaluateAquaRat([Item], cancellationToken: TestContext.Current.CancellationToken));

        // By hand: logits are 8 for the preferred token and 0 for the other V - 1, so
        // log p(preferred) = 8 - log(e^8 + V - 1) and log p(other) = -log(e^8 + V - 1).
        var vocab = model.Config.VocabSize;
        var logZ = Math.Log(Math.Exp(Preferred) + vocab - 1);
        for (var k = 0; k < 5; k++)
        {
            Assert.Equal(k == gold ? Preferred - logZ : -logZ, result.OptionLogLikelihoods[k], 1e-3);
            Assert.Equal(logProb[letters[k][0]], result.OptionLogLikelihoods[k], 1e-3);
        }

        Assert.Equal("B", result.Predicted);
        Assert.True(result.Correct);
        Assert.Equal(result.Predicted, result.PredictedNorm); // every scored text is one letter
        Assert.Equal(AquaRatAnswerExtraction.ExtractLetter(result.Output), result.GeneratedLetter);
    }

    [Fact]
    public void TheLetterIsScoredAfterTheAnswerCueNotTheOptionText()
    {
        var tokenizer = EvaluationFixtures.Tokenizer;
        var letters = LetterTokens();
        using var model = EvaluationFixtures.SmokeModel();
        MakeUnigram(model, new HashSet<int> { letters[1][0] });
        var result = Assert.Single(new ModelEvaluator(model, tokenizer, EvaluationFixtures.Options())
            .EvaluateAquaRat([Item], cancellationToken: TestContext.Current.CancellationToken));

        // The unbatched scorer on prompt + " The answer is" + " B": the same context, the same single scored token.
        var context = new ExampleTokenizer(tokenizer, 256).EncodePrompt(
            "Question: A train covers 120 km in 2 hours. What is its speed?\nOptions:\nA) 45\nB) sixty\nC) 90\nD) bold\n" +
            "E) qqqq\nAnswer: The answer is");
        var alone = SequenceScorer.Score(model, [.. context, .. letters[1]]);
        Assert.Equal(alone.LogProbs[^1], result.OptionLogLikelihoods[1], 1e-4);
    }

    [Fact]
    public void MovingThePreferenceMovesThePrediction()
    {
        var letters = LetterTokens();
        using var model = EvaluationFixtures.SmokeModel();
        MakeUnigram(model, new HashSet<int> { letters[3][0] }); // the model now prefers D, which is wrong.
        var result = Assert.Single(new ModelEvaluator(model, EvaluationFixtures.Tokenizer, EvaluationFixtures.Options())
            .EvaluateAquaRat([Item], cancellationToken: TestContext.Current.CancellationToken));
        Assert.Equal("D", result.Predicted);
        Assert.False(result.Correct);
        Assert.Equal("B", result.Gold);
    }
}
