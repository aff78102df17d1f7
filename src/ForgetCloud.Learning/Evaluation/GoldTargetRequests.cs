using ForgetCloud.Learning.Data;
using ForgetCloud.Learning.Tokenization;

namespace ForgetCloud.Learning.Evaluation;

/// <summary>
/// The teacher-forced requests for the gold answers: the prompt, then the target as training sees it (its tokens and
/// EOS), fitted into the context (<see cref="ContextWindow.FitScored"/>). One home for what "answer NLL" scores, shared
/// by the stage evaluations and the forgetting curves, so a curve's last point and the stage's evaluation agree.
/// </summary>
public sealed class GoldTargetRequests
{
    private readonly ITextTokenizer _tokenizer;
    private readonly int _contextLength;

    public GoldTargetRequests(ITextTokenizer tokenizer, int contextLength)
    {
        ArgumentNullException.ThrowIfNull(tokenizer);
        _tokenizer = tokenizer;
        _contextLength = contextLength;
        Prompts = new ExampleTokenizer(tokenizer, contextLength);
    }

    /// <summary>Encodes prompts as the evaluation does (BOS where the tokenizer adds one).</summary>
    public ExampleTokenizer Prompts { get; }

    public ScoringRequest Gsm8k(Gsm8kExample example, int[]? encodedPrompt = null) =>
        Fit(encodedPrompt ?? Prompts.EncodePrompt(Gsm8kPromptFormat.Prompt(example)), Gsm8kPromptFormat.Target(example));

    public ScoringRequest AquaRat(AquaRatExample example, int[]? encodedPrompt = null) =>
        Fit(encodedPrompt ?? Prompts.EncodePrompt(AquaRatPromptFormat.Prompt(example)), AquaRatPromptFormat.Target(example));

    private ScoringRequest Fit(int[] prompt, string target) =>
        ContextWindow.FitScored(prompt, [.. _tokenizer.Encode(target), _tokenizer.EosTokenId], _tokenizer.BosTokenId, _contextLength);
}
