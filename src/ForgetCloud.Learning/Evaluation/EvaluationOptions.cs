using ForgetCloud.Contracts.Configuration;

namespace ForgetCloud.Learning.Evaluation;

/// <summary>How <see cref="ModelEvaluator"/> runs: batch size, generation length, per-dataset limits.</summary>
public sealed record EvaluationOptions
{
    /// <summary>
    /// The stop string of every generation: the prompt format starts each problem with <c>Question:</c>, so a model
    /// that goes on past its answer starts the next problem. lm-evaluation-harness's gsm8k task stops on the same
    /// string (<c>until: ["Question:", ...]</c>); it also covers <c>"\n\nQuestion:"</c>.
    /// </summary>
    public static readonly IReadOnlyList<string> DefaultStopStrings = ["Question:"];

    /// <summary>Sequences per forward pass (generation and scoring).</summary>
    public int BatchSize { get; init; } = 8;

    /// <summary>Generation limit per item.</summary>
    public int MaxNewTokens { get; init; } = 256;

    /// <summary>Evaluate the first N GSM8K test items in file order; null = all.</summary>
    public int? Gsm8kMaxExamples { get; init; }

    /// <summary>Evaluate the first N AQUA-RAT test items in file order; null = all.</summary>
    public int? AquaRatMaxExamples { get; init; }

    /// <summary>Generate for the first N evaluated GSM8K items only (the rest are scored teacher-forced); null = all.</summary>
    public int? Gsm8kGenerationMaxExamples { get; init; }

    /// <summary>Generate for the first N evaluated AQUA-RAT items only; null = all.</summary>
    public int? AquaRatGenerationMaxExamples { get; init; }

    /// <summary>Padding id for batches; null = the tokenizer's pad id.</summary>
    public int? PadTokenId { get; init; }

    /// <summary>
    /// The first N items (file order) of each test set keep their prompt and generated text in the records; later
    /// items keep empty strings there (everything else, extracted answers and NLL included, is kept). null = all.
    /// </summary>
    public int? ReplaySamples { get; init; }

    /// <summary>Generation stops once the output contains one of these (the stop string is cut off).</summary>
    public IReadOnlyList<string> StopStrings { get; init; } = DefaultStopStrings;

    /// <summary>The limit for one test set.</summary>
    public int? MaxExamples(DatasetKind dataset) => dataset switch
    {
        DatasetKind.Gsm8k => Gsm8kMaxExamples,
        DatasetKind.AquaRat => AquaRatMaxExamples,
        _ => throw new ArgumentOutOfRangeException(nameof(dataset), dataset, "unknown dataset"),
    };

    /// <summary>
    /// The <c>evaluation</c> section as options. <c>do_sample: true</c> is rejected: the evaluation decodes greedily
    /// (how GSM8K is scored, and deterministic), and silently ignoring the setting would report greedy numbers as
    /// sampled ones.
    /// </summary>
    public static EvaluationOptions FromConfig(EvaluationConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        if (config.DoSample)
        {
            throw new ArgumentException(
                "evaluation.do_sample: true is not supported: evaluation decodes greedily; set do_sample: false");
        }

        return new EvaluationOptions
        {
            BatchSize = config.BatchSize,
            MaxNewTokens = config.MaxNewTokens,
            Gsm8kMaxExamples = config.MaxExamples.Gsm8k,
            AquaRatMaxExamples = config.MaxExamples.AquaRat,
            Gsm8kGenerationMaxExamples = config.GenerationMaxExamples.Gsm8k,
            AquaRatGenerationMaxExamples = config.GenerationMaxExamples.AquaRat,
            PadTokenId = config.PadTokenId,
            ReplaySamples = config.ReplaySamples,
        }.Validate();
    }

    /// <summary>Checks every value and returns this; errors name the config key.</summary>
    public EvaluationOptions Validate()
    {
        if (BatchSize < 1) throw new ArgumentException($"evaluation.batch_size must be >= 1 (got {BatchSize})");
        if (MaxNewTokens < 1) throw new ArgumentException($"evaluation.max_new_tokens must be >= 1 (got {MaxNewTokens})");
        if (Gsm8kMaxExamples is < 0) throw new ArgumentException($"evaluation.max_examples.gsm8k must be >= 0 (got {Gsm8kMaxExamples})");
        if (AquaRatMaxExamples is < 0) throw new ArgumentException($"evaluation.max_examples.aqua_rat must be >= 0 (got {AquaRatMaxExamples})");
        if (Gsm8kGenerationMaxExamples is < 1) throw new ArgumentException($"evaluation.generation_max_examples.gsm8k must be >= 1 (got {Gsm8kGenerationMaxExamples})");
        if (AquaRatGenerationMaxExamples is < 1) throw new ArgumentException($"evaluation.generation_max_examples.aqua_rat must be >= 1 (got {AquaRatGenerationMaxExamples})");
        if (ReplaySamples is < 0) throw new ArgumentException($"evaluation.replay_samples must be >= 0 (got {ReplaySamples})");
        if (StopStrings.Any(string.IsNullOrEmpty)) throw new ArgumentException("evaluation stop strings must not be empty");
        return this;
    }
}
