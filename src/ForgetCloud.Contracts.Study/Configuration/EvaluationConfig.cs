namespace ForgetCloud.Contracts.Configuration;

/// <summary>The <c>evaluation</c> section: how the base model and every stage's final weights are evaluated on both test sets.</summary>
public sealed record EvaluationConfig
{
    /// <summary><c>batch_size</c>: sequences per evaluation batch (≥ 1).</summary>
    public int BatchSize { get; init; } = 8;

    /// <summary>
    /// <c>max_new_tokens</c>: generation limit per example (≥ 1). 256 holds a GSM8K worked answer or an AQUA-RAT
    /// rationale with its closing letter; EOS and the stop string end a row earlier.
    /// </summary>
    public int MaxNewTokens { get; init; } = 256;

    /// <summary><c>temperature</c>: sampling temperature (&gt; 0); used only when <see cref="DoSample"/> is true.</summary>
    public double Temperature { get; init; } = 0.1;

    /// <summary>
    /// <c>do_sample</c>: false = greedy decoding (what GSM8K scoring in lm-evaluation-harness uses, and deterministic);
    /// true = sampling at <see cref="Temperature"/> seeded from the study's seed (the original framework's default).
    /// </summary>
    public bool DoSample { get; init; }

    /// <summary><c>pad_token_id</c>: the padding id for batched generation; null = the tokenizer's pad token, else its EOS.</summary>
    public int? PadTokenId { get; init; }

    /// <summary>
    /// <c>replay_samples</c>: how many examples per test set keep their prompt and full generated text in the
    /// evaluation records (≥ 0); correctness and NLL are recorded for every example regardless.
    /// </summary>
    public int ReplaySamples { get; init; } = 100;

    /// <summary><c>max_examples</c>: per-test-set limits.</summary>
    public EvalExampleLimits MaxExamples { get; init; } = new();

    /// <summary>
    /// <c>generation_max_examples</c>: generate answers for only the first N evaluated items of a test set (file order),
    /// so generated accuracy is measured on that fixed subset while every teacher-forced score (answer NLL, AQUA-RAT's
    /// letter log-likelihoods) stays on all evaluated items. null = generate for every item.
    /// </summary>
    public EvalExampleLimits GenerationMaxExamples { get; init; } = new();

    /// <summary>
    /// <c>curve_interval</c>: every N optimizer steps of each stage (and at its last step), the trainer measures the
    /// teacher-forced answer NLL of both tasks on <see cref="CurveExamples"/> held-out test items: the forgetting
    /// curves (≥ 0; 0 = none). Off by default because each point costs a forward pass over 2 x CurveExamples answers,
    /// which is seconds for the tiny preset and minutes for a 1B model on a CPU.
    /// </summary>
    public int CurveInterval { get; init; }

    /// <summary>
    /// <c>weight_drift</c>: at the end of each stage, record per layer and projection how far the weights moved
    /// (relative change, RMS and top singular value of the change) in the final checkpoint and weight_drift.json.
    /// Full fine-tuning keeps a copy of the projections from the stage's start for it; false saves that memory.
    /// </summary>
    public bool WeightDrift { get; init; } = true;

    /// <summary><c>curve_examples</c>: the first N items (file order) of each test set the curves are measured on (≥ 1).</summary>
    public int CurveExamples { get; init; } = 64;

    /// <summary><c>bootstrap_resamples</c>: resamples for bootstrap confidence intervals over test items (≥ 100, what a
    /// percentile interval needs).</summary>
    public int BootstrapResamples { get; init; } = 1000;

    /// <summary><c>confidence_level</c>: the level of every confidence interval, in (0, 1).</summary>
    public double ConfidenceLevel { get; init; } = 0.95;
}
