using ForgetCloud.Contracts.Configuration;
using ForgetCloud.Learning.Data;

namespace ForgetCloud.Learning.Execution;

/// <summary>One stage's training split, rendered and tokenized (<c>training.stage{N}</c>: dataset, split,
/// max_examples = the first N examples in file order, max_length).</summary>
/// <param name="Stage">1 or 2.</param>
/// <param name="Dataset">The stage's dataset.</param>
/// <param name="Split">The split trained on.</param>
/// <param name="Data">The tokenized examples and what truncation did (<see cref="TokenizationSummary"/>).</param>
public sealed record PreparedStageData(int Stage, DatasetKind Dataset, string Split, TokenizedDataset Data)
{
    /// <summary>The truncation counts and token totals, for the log.</summary>
    public TokenizationSummary Summary => Data.Summary;
}
