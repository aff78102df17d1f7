namespace ForgetCloud.Learning.Generation;

/// <summary>One sequence's output: the new tokens (without EOS; up to and including the one completing a stop
/// string) and, when a decoder was given, their text cut before the stop string.</summary>
public sealed record GenerationResult(IReadOnlyList<int> TokenIds, string? Text, FinishReason FinishReason);
