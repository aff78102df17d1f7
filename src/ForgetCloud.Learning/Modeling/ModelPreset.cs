namespace ForgetCloud.Learning.Modeling;

/// <summary>A named architecture with seeded random initialization, for offline runs.</summary>
/// <param name="TokenizerName">the tokenizer this preset's vocabulary is sized for (e.g. "gpt2-8k")</param>
public sealed record ModelPreset(string Name, LlamaConfig Config, string TokenizerName, long Seed, string Description);
