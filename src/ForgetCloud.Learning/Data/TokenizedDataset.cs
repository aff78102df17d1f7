namespace ForgetCloud.Learning.Data;

/// <summary>A tokenized split and the report of its truncation.</summary>
public sealed record TokenizedDataset(IReadOnlyList<TokenizedExample> Examples, TokenizationSummary Summary);
