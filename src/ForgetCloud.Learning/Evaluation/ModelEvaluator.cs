using ForgetCloud.Contracts.Configuration;
using ForgetCloud.Learning.Data;
using ForgetCloud.Learning.Generation;
using ForgetCloud.Learning.Metrics;
using ForgetCloud.Learning.Modeling;
using ForgetCloud.Learning.Tokenization;

namespace ForgetCloud.Learning.Evaluation;

/// <summary>
/// Evaluates one model (the base or a stage checkpoint) on the GSM8K and AQUA-RAT test sets:
/// <list type="bullet">
/// <item>GSM8K: greedy generation from <see cref="Gsm8kPromptFormat.Prompt"/> (EOS and <see cref="EvaluationOptions.StopStrings"/>
/// end it), answers judged by <see cref="Gsm8kAnswerExtraction.Judge"/> (strict and flexible); teacher-forced NLL of
/// the gold target <see cref="Gsm8kPromptFormat.Target"/> + EOS, exactly the tokens the training loss scores.</item>
/// <item>AQUA-RAT: the log-likelihood of each <see cref="AquaRatPromptFormat.LetterContinuation"/> (" A" .. " E")
/// after <see cref="AquaRatPromptFormat.LetterScoringContext"/> (the prompt and the cue "The answer is" that every
/// stage-2 target ends with), scored into acc / acc_norm by <see cref="MultipleChoiceScoring"/>; the letter of the greedy generation read
/// by <see cref="AquaRatAnswerExtraction.ExtractLetter"/> (the rule documented in docs/metrics.md, which also reads
/// the target's closing <c>The answer is X.</c>); NLL of the gold target (rationale + answer sentence + EOS).</item>
/// </list>
/// Everything runs batched, under inference mode, in eval mode (restored afterwards); the weights are only read.
/// Sequences longer than the context lose their oldest prompt tokens (<see cref="ContextWindow"/>).
/// </summary>
public sealed class ModelEvaluator
{
    private readonly LlamaForCausalLM _model;
    private readonly ITextTokenizer _tokenizer;
    private readonly ExampleTokenizer _prompts;
    private readonly GoldTargetRequests _targets;
    private readonly EvaluationOptions _options;
    private readonly int _padTokenId;

    public ModelEvaluator(LlamaForCausalLM model, ITextTokenizer tokenizer, EvaluationOptions options)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(tokenizer);
        ArgumentNullException.ThrowIfNull(options);
        _model = model;
        _tokenizer = tokenizer;
        _options = options.Validate();
        if (tokenizer.VocabSize > model.Config.VocabSize)
        {
            throw new ArgumentException(
                $"the tokenizer's {tokenizer.VocabSize} ids do not fit the model's vocabulary of {model.Config.VocabSize}");
        }

        if (options.MaxNewTokens >= model.Config.MaxPositionEmbeddings)
        {
            throw new ArgumentException(
                $"evaluation.max_new_tokens ({options.MaxNewTokens}) leaves no room for a prompt in the model's " +
                $"{model.Config.MaxPositionEmbeddings} positions");
        }

        _padTokenId = options.PadTokenId ?? tokenizer.PadTokenId;
        if (_padTokenId < 0 || _padTokenId >= model.Config.VocabSize)
        {
            throw new ArgumentException($"evaluation.pad_token_id {_padTokenId} lies outside the vocabulary [0, {model.Config.VocabSize})");
        }

        _targets = new GoldTargetRequests(tokenizer, model.Config.MaxPositionEmbeddings);
        _prompts = _targets.Prompts;
    }

    private int ContextLength => _model.Config.MaxPositionEmbeddings;

    /// <summary>Both test sets, each limited to its first <see cref="EvaluationOptions.MaxExamples"/> items.</summary>
    public StageEvaluation Evaluate(
        string armId,
        int stage,
        string? checkpoint,
        IReadOnlyList<Gsm8kExample> gsm8k,
        IReadOnlyList<AquaRatExample> aquaRat,
        IProgress<EvaluationProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(armId);
        ArgumentOutOfRangeException.ThrowIfNegative(stage);
        var gsm8kItems = EvaluateGsm8k(gsm8k, progress, cancellationToken);
        var aquaRatItems = EvaluateAquaRat(aquaRat, progress, cancellationToken);
        return new StageEvaluation(armId, stage, checkpoint, gsm8kItems, aquaRatItems);
    }

    /// <summary>The first <see cref="EvaluationOptions.Gsm8kMaxExamples"/> items, results in file order.</summary>
    public IReadOnlyList<Gsm8kItemResult> EvaluateGsm8k(
        IReadOnlyList<Gsm8kExample> examples,
        IProgress<EvaluationProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(examples);
        var items = Limit(examples, _options.Gsm8kMaxExamples);
        var tracker = new ProgressTracker(DatasetKind.Gsm8k, items.Count, 2 * items.Count, progress);
        var prompts = items.Select(e => _prompts.EncodePrompt(Gsm8kPromptFormat.Prompt(e))).ToArray();

        var generated = GenerationCount(items.Count, _options.Gsm8kGenerationMaxExamples);
        var outputs = Generate(prompts, generated, tracker, cancellationToken);
        var targets = Score(
            [.. items.Select((e, i) => _targets.Gsm8k(e, prompts[i]))],
            tracker, EvaluationPhase.TargetScoring, cancellationToken);

        var results = new Gsm8kItemResult[items.Count];
        for (var i = 0; i < items.Count; i++)
        {
            var judgement = Gsm8kAnswerExtraction.Judge(outputs[i], items[i].Answer);
            var keepText = KeepText(i);
            results[i] = new Gsm8kItemResult(
                items[i].Id,
                keepText ? Gsm8kPromptFormat.Prompt(items[i]) : string.Empty,
                keepText ? outputs[i] : string.Empty,
                judgement.StrictAnswer,
                judgement.FlexibleAnswer,
                judgement.GoldAnswer,
                judgement.StrictCorrect,
                judgement.FlexibleCorrect,
                targets[i].NllSum,
                targets[i].Tokens,
                i < generated);
        }

        return results;
    }

    /// <summary>The first <see cref="EvaluationOptions.AquaRatMaxExamples"/> items, results in file order.</summary>
    public IReadOnlyList<AquaRatItemResult> EvaluateAquaRat(
        IReadOnlyList<AquaRatExample> examples,
        IProgress<EvaluationProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(examples);
        var items = Limit(examples, _options.AquaRatMaxExamples);
        var optionCount = AquaRatExample.Letters.Length;
        var tracker = new ProgressTracker(DatasetKind.AquaRat, items.Count, (2 + optionCount) * items.Count, progress);
        var prompts = items.Select(e => _prompts.EncodePrompt(AquaRatPromptFormat.Prompt(e))).ToArray();

        var generated = GenerationCount(items.Count, _options.AquaRatGenerationMaxExamples);
        var outputs = Generate(prompts, generated, tracker, cancellationToken);
        var rationales = Score(
            [.. items.Select((e, i) => _targets.AquaRat(e, prompts[i]))],
            tracker, EvaluationPhase.TargetScoring, cancellationToken);
        // Each option's letter after the answer cue, scored without EOS (lm-evaluation-harness's loglikelihood
        // requests): the tokens stage 2 trains the model to write after its rationale.
        var letterContexts = items.Select(e => _prompts.EncodePrompt(AquaRatPromptFormat.LetterScoringContext(e))).ToArray();
        var options = Score(
            [.. items.SelectMany((e, i) => e.Options.Select(o => ContextWindow.FitScored(
                letterContexts[i], _tokenizer.Encode(AquaRatPromptFormat.LetterContinuation(o.Letter)), _tokenizer.BosTokenId, ContextLength)))],
            tracker, EvaluationPhase.OptionScoring, cancellationToken);

        var results = new AquaRatItemResult[items.Count];
        for (var i = 0; i < items.Count; i++)
        {
            var example = items[i];
            var logLikelihoods = options.Skip(i * optionCount).Take(optionCount).Select(s => s.LogLikelihood).ToArray();
            var gold = example.Correct.ToString();
            // acc_norm divides by the scored text's length: one letter for every option, so it equals acc.
            var choice = MultipleChoiceScoring.Score(
                logLikelihoods,
                [.. example.Options.Select(o => o.Letter.ToString())],
                AquaRatAnswerExtraction.IndexOf(gold));
            var keepText = KeepText(i);
            results[i] = new AquaRatItemResult(
                example.Id,
                keepText ? AquaRatPromptFormat.Prompt(example) : string.Empty,
                keepText ? outputs[i] : string.Empty,
                gold,
                logLikelihoods,
                AquaRatAnswerExtraction.Labels[choice.Predicted],
                AquaRatAnswerExtraction.Labels[choice.PredictedNorm],
                i < generated ? AquaRatAnswerExtraction.ExtractLetter(outputs[i]) : null,
                rationales[i].NllSum,
                rationales[i].Tokens,
                i < generated);
        }

        return results;
    }

    private static IReadOnlyList<T> Limit<T>(IReadOnlyList<T> examples, int? maxExamples) =>
        maxExamples is { } limit && limit < examples.Count ? examples.Take(limit).ToArray() : examples;

    private bool KeepText(int index) => _options.ReplaySamples is not { } replay || index < replay;

    private static int GenerationCount(int items, int? limit) => limit is { } l ? Math.Min(l, items) : items;

    /// <summary>Generations for the first <paramref name="count"/> prompts; the rest get empty outputs.</summary>
    private string[] Generate(int[][] prompts, int count, ProgressTracker tracker, CancellationToken cancellationToken)
    {
        var room = ContextLength - _options.MaxNewTokens;
        var fitted = prompts.Take(count).Select(p => (IReadOnlyList<int>)ContextWindow.FitPrompt(p, _tokenizer.BosTokenId, room)).ToArray();
        var generation = new GenerationOptions
        {
            MaxNewTokens = _options.MaxNewTokens,
            EosTokenIds = [.. _model.Config.EosTokenIds.Append(_tokenizer.EosTokenId).Distinct()],
            PadTokenId = _padTokenId,
            StopStrings = _options.StopStrings,
            Decode = ids => _tokenizer.Decode(ids),
        };
        var results = BatchedGeneration.Generate(
            _model, fitted, generation, _options.BatchSize,
            n => tracker.Advance(EvaluationPhase.Generation, n), cancellationToken);
        // Text is set whenever a decoder is given (cut before the stop string when one ended generation).
        if (count < prompts.Length) tracker.Advance(EvaluationPhase.Generation, prompts.Length - count);
        return [.. results.Select(r => r.Text ?? throw new InvalidOperationException("generation returned no text")),
            .. Enumerable.Repeat(string.Empty, prompts.Length - count)];
    }

    private IReadOnlyList<SpanScore> Score(
        IReadOnlyList<ScoringRequest> requests, ProgressTracker tracker, EvaluationPhase phase, CancellationToken cancellationToken) =>
        BatchedSequenceScorer.Score(
            _model, requests, _options.BatchSize, _padTokenId, n => tracker.Advance(phase, n), cancellationToken);

    /// <summary>Adds batches to a running total and reports it.</summary>
    private sealed class ProgressTracker(DatasetKind dataset, int items, int total, IProgress<EvaluationProgress>? progress)
    {
        private int _done;

        public void Advance(EvaluationPhase phase, int units)
        {
            _done += units;
            progress?.Report(new EvaluationProgress(dataset, phase, _done, total, items));
        }
    }
}
