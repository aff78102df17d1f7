using ForgetCloud.Contracts.Configuration;
using ForgetCloud.Learning.Data;
using ForgetCloud.Learning.Evaluation;
using ForgetCloud.Learning.Generation;
using ForgetCloud.Learning.Metrics;
using ForgetCloud.Learning.Modeling;

namespace ForgetCloud.Learning.Tests.Evaluation;

public class ModelEvaluatorTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static int[] Prompt(string text) => new ExampleTokenizer(EvaluationFixtures.Tokenizer, 256).EncodePrompt(text);

    /// <summary>What one prompt generates alone (batch of one), decoded as the evaluator decodes.</summary>
    private static string GenerateAlone(LlamaForCausalLM model, int[] prompt, int maxNewTokens)
    {
        var tokenizer = EvaluationFixtures.Tokenizer;
        var result = new GreedyGenerator(model).Generate([prompt], new GenerationOptions
        {
            MaxNewTokens = maxNewTokens,
            EosTokenIds = [tokenizer.EosTokenId, .. model.Config.EosTokenIds],
            PadTokenId = tokenizer.PadTokenId,
            StopStrings = ["Question:"],
            Decode = ids => tokenizer.Decode(ids),
        })[0];
        return result.Text!;
    }

    /// <summary>-sum log p of <paramref name="target"/> + EOS after <paramref name="prompt"/>, scored alone.</summary>
    private static (double NllSum, int Tokens) TargetNllAlone(LlamaForCausalLM model, int[] prompt, string target)
    {
        int[] scored = [.. EvaluationFixtures.Tokenizer.Encode(target), EvaluationFixtures.Tokenizer.EosTokenId];
        var score = SequenceScorer.Score(model, [.. prompt, .. scored]);
        return (-score.LogProbs.Skip(prompt.Length - 1).Sum(), scored.Length);
    }

    [Fact]
    public void Gsm8kItemsHoldTheUnbatchedGenerationItsJudgementAndTheGoldTargetNll()
    {
        using var model = EvaluationFixtures.SmokeModel();
        var examples = EvaluationFixtures.Gsm8k(7);
        var items = new ModelEvaluator(model, EvaluationFixtures.Tokenizer, EvaluationFixtures.Options(batchSize: 3, maxNewTokens: 10))
            .EvaluateGsm8k(examples, cancellationToken: Ct);

        Assert.Equal(examples.Select(e => e.Id), items.Select(i => i.Id));
        for (var i = 0; i < examples.Count; i++)
        {
            var prompt = Prompt(Gsm8kPromptFormat.Prompt(examples[i]));
            Assert.Equal(Gsm8kPromptFormat.Prompt(examples[i]), items[i].Prompt);
            Assert.Equal(GenerateAlone(model, prompt, 10), items[i].Output);
            var judgement = Gsm8kAnswerExtraction.Judge(items[i].Output, examples[i].Answer);
            Assert.Equal(judgement, new Gsm8kJudgement(items[i].StrictAnswer, items[i].FlexibleAnswer, items[i].Gold, items[i].StrictCorrect, items[i].FlexibleCorrect));
            Assert.Equal(examples[i].FinalAnswer, items[i].Gold);
            var (nll, tokens) = TargetNllAlone(model, prompt, Gsm8kPromptFormat.Target(examples[i]));
            Assert.Equal(tokens, items[i].AnswerTokens);
            Assert.Equal(nll, items[i].AnswerNllSum, 1e-4);
        }
    }

    [Fact]
    public void AquaRatItemsHoldTheGeneratedLetterAndTheRationaleNll()
    {
        using var model = EvaluationFixtures.SmokeModel();
        var examples = EvaluationFixtures.AquaRat(4);
        var items = new ModelEvaluator(model, EvaluationFixtures.Tokenizer, EvaluationFixtures.Options(batchSize: 3, maxNewTokens: 8))
            .EvaluateAquaRat(examples, cancellationToken: Ct);

        for (var i = 0; i < examples.Count; i++)
        {
            var prompt = Prompt(AquaRatPromptFormat.Prompt(examples[i]));
            Assert.Equal(examples[i].Id, items[i].Id);
            Assert.Equal(examples[i].Correct.ToString(), items[i].Gold);
            Assert.Equal(GenerateAlone(model, prompt, 8), items[i].Output);
            Assert.Equal(AquaRatAnswerExtraction.ExtractLetter(items[i].Output), items[i].GeneratedLetter);
            var (nll, tokens) = TargetNllAlone(model, prompt, AquaRatPromptFormat.Target(examples[i]));
            Assert.Equal(tokens, items[i].RationaleTokens);
            Assert.Equal(nll, items[i].RationaleNllSum, 1e-4);
            // Scored texts are the letters (" A" .. " E"): acc_norm divides by one character for every option.
            var choice = MultipleChoiceScoring.Score(items[i].OptionLogLikelihoods, [.. examples[i].Options.Select(o => o.Letter.ToString())], "ABCDE".IndexOf(examples[i].Correct));
            Assert.Equal("ABCDE"[choice.Predicted].ToString(), items[i].Predicted);
            Assert.Equal("ABCDE"[choice.PredictedNorm].ToString(), items[i].PredictedNorm);
        }
    }

    [Fact]
    public void BatchSizeChangesNothingButSpeed()
    {
        using var model = EvaluationFixtures.SmokeModel();
        var examples = EvaluationFixtures.Gsm8k(5);
        var one = new ModelEvaluator(model, EvaluationFixtures.Tokenizer, EvaluationFixtures.Options(batchSize: 1)).EvaluateGsm8k(examples, cancellationToken: Ct);
        var four = new ModelEvaluator(model, EvaluationFixtures.Tokenizer, EvaluationFixtures.Options(batchSize: 4)).EvaluateGsm8k(examples, cancellationToken: Ct);
        Assert.Equal(one.Select(i => i.Output), four.Select(i => i.Output));
        for (var i = 0; i < one.Count; i++) Assert.Equal(one[i].AnswerNllSum, four[i].AnswerNllSum, 1e-4);
    }

    [Fact]
    public void LimitsTakeTheFirstItemsInFileOrder()
    {
        using var model = EvaluationFixtures.SmokeModel();
        var options = EvaluationFixtures.Options(maxNewTokens: 2) with { Gsm8kMaxExamples = 3, AquaRatMaxExamples = 2 };
        var evaluation = new ModelEvaluator(model, EvaluationFixtures.Tokenizer, options)
            .Evaluate("adamw", 1, "stage1/step_4", EvaluationFixtures.Gsm8k(6), EvaluationFixtures.AquaRat(5), cancellationToken: Ct);
        Assert.Equal(["gsm8k-test-0", "gsm8k-test-1", "gsm8k-test-2"], evaluation.Gsm8k.Select(i => i.Id));
        Assert.Equal(["aqua_rat-test-0", "aqua_rat-test-1"], evaluation.AquaRat.Select(i => i.Id));
        Assert.Equal(("adamw", 1, "stage1/step_4"), (evaluation.ArmId, evaluation.Stage, evaluation.Checkpoint));

        // A limit above the test set's size evaluates all of it; zero evaluates none.
        var all = new ModelEvaluator(model, EvaluationFixtures.Tokenizer, options with { Gsm8kMaxExamples = 50 }).EvaluateGsm8k(EvaluationFixtures.Gsm8k(4), cancellationToken: Ct);
        Assert.Equal(4, all.Count);
        Assert.Empty(new ModelEvaluator(model, EvaluationFixtures.Tokenizer, options with { AquaRatMaxExamples = 0 }).EvaluateAquaRat(EvaluationFixtures.AquaRat(3), cancellationToken: Ct));
    }

    [Fact]
    public void GenerationLimitsGenerateForTheFirstItemsAndScoreEveryItem()
    {
        using var model = EvaluationFixtures.SmokeModel();
        var options = EvaluationFixtures.Options(maxNewTokens: 4);
        var evaluator = new ModelEvaluator(model, EvaluationFixtures.Tokenizer, options);
        var limited = new ModelEvaluator(model, EvaluationFixtures.Tokenizer, options with { Gsm8kGenerationMaxExamples = 2, AquaRatGenerationMaxExamples = 1 });
        var gsm = EvaluationFixtures.Gsm8k(4);
        var aqua = EvaluationFixtures.AquaRat(3);

        var full = evaluator.EvaluateGsm8k(gsm, cancellationToken: Ct);
        var part = limited.EvaluateGsm8k(gsm, cancellationToken: Ct);
        Assert.Equal([true, true, false, false], part.Select(i => i.Generated));
        Assert.Equal(full.Take(2).Select(i => i.Output), part.Take(2).Select(i => i.Output));
        Assert.All(part.Skip(2), i => Assert.Equal(("", false, false), (i.Output, i.StrictCorrect, i.FlexibleCorrect)));
        Assert.Equal(full.Select(i => (i.AnswerNllSum, i.AnswerTokens)), part.Select(i => (i.AnswerNllSum, i.AnswerTokens)));

        var fullAqua = evaluator.EvaluateAquaRat(aqua, cancellationToken: Ct);
        var partAqua = limited.EvaluateAquaRat(aqua, cancellationToken: Ct);
        Assert.Equal([true, false, false], partAqua.Select(i => i.Generated));
        Assert.All(partAqua.Skip(1), i => Assert.Null(i.GeneratedLetter));
        // Letter log-likelihoods and rationale NLLs do not depend on generation.
        Assert.Equal(fullAqua.Select(i => (i.Predicted, i.RationaleNllSum)), partAqua.Select(i => (i.Predicted, i.RationaleNllSum)));
    }

    [Fact]
    public void ReplaySamplesKeepTextOnlyForTheFirstItems()
    {
        using var model = EvaluationFixtures.SmokeModel();
        var options = EvaluationFixtures.Options(maxNewTokens: 3) with { ReplaySamples = 2 };
        var items = new ModelEvaluator(model, EvaluationFixtures.Tokenizer, options).EvaluateAquaRat(EvaluationFixtures.AquaRat(4), cancellationToken: Ct);
        Assert.All(items.Take(2), i => Assert.StartsWith("Question: ", i.Prompt, StringComparison.Ordinal));
        Assert.All(items.Skip(2), i => Assert.Equal((string.Empty, string.Empty), (i.Prompt, i.Output)));
        Assert.All(items, i => Assert.True(i.RationaleTokens > 0 && double.IsFinite(i.RationaleNllSum)));
    }

    [Fact]
    public void ProgressCountsEveryUnitOfWorkUpToTheTotal()
    {
        using var model = EvaluationFixtures.SmokeModel();
        var progress = new RecordingProgress();
        var evaluator = new ModelEvaluator(model, EvaluationFixtures.Tokenizer, EvaluationFixtures.Options(batchSize: 2, maxNewTokens: 2));
        evaluator.Evaluate("muon", 0, null, EvaluationFixtures.Gsm8k(5), EvaluationFixtures.AquaRat(3), progress, Ct);

        var gsm8k = progress.Reports.Where(r => r.Dataset == DatasetKind.Gsm8k).ToList();
        var aquaRat = progress.Reports.Where(r => r.Dataset == DatasetKind.AquaRat).ToList();
        // GSM8K: 5 generations + 5 target scores, batches of 2 -> 3 + 3 reports.
        Assert.Equal([2, 4, 5, 7, 9, 10], gsm8k.Select(r => r.Done));
        Assert.All(gsm8k, r => Assert.Equal((10, 5), (r.Total, r.Items)));
        Assert.Equal([EvaluationPhase.Generation, EvaluationPhase.Generation, EvaluationPhase.Generation,
            EvaluationPhase.TargetScoring, EvaluationPhase.TargetScoring, EvaluationPhase.TargetScoring], gsm8k.Select(r => r.Phase));
        // AQUA-RAT: 3 generations, 3 rationale scores, 15 option scores -> 2 + 2 + 8 reports.
        Assert.Equal([2, 3, 5, 6, 8, 10, 12, 14, 16, 18, 20, 21], aquaRat.Select(r => r.Done));
        Assert.All(aquaRat, r => Assert.Equal((21, 3), (r.Total, r.Items)));
        Assert.Equal(1.0, aquaRat[^1].Fraction);
        Assert.True(progress.Reports.IndexOf(gsm8k[^1]) < progress.Reports.IndexOf(aquaRat[0]));
    }

    [Fact]
    public void CancellationStopsTheEvaluationAndRestoresTheMode()
    {
        using var model = EvaluationFixtures.SmokeModel();
        model.train();
        using var cancellation = new CancellationTokenSource();
        cancellation.Cancel();
        var evaluator = new ModelEvaluator(model, EvaluationFixtures.Tokenizer, EvaluationFixtures.Options());
        Assert.Throws<OperationCanceledException>(() => evaluator.EvaluateGsm8k(EvaluationFixtures.Gsm8k(2), cancellationToken: cancellation.Token));
        Assert.True(model.training);
    }

    [Fact]
    public async Task RealTestItemsLongerThanTheContextAreEvaluated()
    {
        // The smoke model has 256 positions: with 200 new tokens most real prompts lose their oldest tokens.
        var loader = new DatasetLoader(new LocalDatasetSource(TestSupport.TestPaths.SharedData));
        var gsm8k = await loader.LoadGsm8kAsync("test", Ct);
        var aquaRat = await loader.LoadAquaRatAsync("test", Ct);
        using var model = EvaluationFixtures.SmokeModel();
        var options = EvaluationFixtures.Options(batchSize: 4, maxNewTokens: 200) with { Gsm8kMaxExamples = 2, AquaRatMaxExamples = 2 };
        var evaluation = new ModelEvaluator(model, EvaluationFixtures.Tokenizer, options).Evaluate("adamw", 0, null, gsm8k, aquaRat, cancellationToken: Ct);

        Assert.Equal(gsm8k.Take(2).Select(e => e.Id), evaluation.Gsm8k.Select(i => i.Id));
        Assert.Equal(aquaRat.Take(2).Select(e => e.Id), evaluation.AquaRat.Select(i => i.Id));
        Assert.Contains(evaluation.Gsm8k, i => Prompt(i.Prompt).Length > 256 - 200);
        Assert.All(evaluation.Gsm8k, i => Assert.True(double.IsFinite(i.AnswerNll) && i.AnswerNll > 0));
        Assert.All(evaluation.AquaRat, i => Assert.All(i.OptionLogLikelihoods, ll => Assert.True(double.IsFinite(ll) && ll < 0)));
    }

    [Fact]
    public void ConfigMapsOntoOptionsAndBadSettingsAreRejected()
    {
        var config = new EvaluationConfig
        {
            BatchSize = 32, MaxNewTokens = 128, ReplaySamples = 20, PadTokenId = 7,
            MaxExamples = new EvalExampleLimits { Gsm8k = 100, AquaRat = null },
        };
        var options = EvaluationOptions.FromConfig(config);
        Assert.Equal((32, 128, 20, 7, (int?)100, (int?)null), (options.BatchSize, options.MaxNewTokens, options.ReplaySamples, options.PadTokenId, options.Gsm8kMaxExamples, options.AquaRatMaxExamples));
        Assert.Equal(100, options.MaxExamples(DatasetKind.Gsm8k));

        var sampling = Assert.Throws<ArgumentException>(() => EvaluationOptions.FromConfig(config with { DoSample = true }));
        Assert.Contains("do_sample", sampling.Message, StringComparison.Ordinal);
        Assert.Contains("batch_size", Assert.Throws<ArgumentException>(() => (options with { BatchSize = 0 }).Validate()).Message, StringComparison.Ordinal);

        using var model = EvaluationFixtures.SmokeModel();
        Assert.Contains("max_new_tokens", Assert.Throws<ArgumentException>(() => new ModelEvaluator(model, EvaluationFixtures.Tokenizer, options with { MaxNewTokens = 256 })).Message, StringComparison.Ordinal);
        Assert.Contains("pad_token_id", Assert.Throws<ArgumentException>(() => new ModelEvaluator(model, EvaluationFixtures.Tokenizer, options with { PadTokenId = 512 })).Message, StringComparison.Ordinal);
    }
}
