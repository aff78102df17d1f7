using ForgetCloud.Contracts.Configuration;

namespace ForgetCloud.Learning.Evaluation;

/// <summary>
/// Progress of one test set's evaluation, reported after every batch. <see cref="Done"/> and <see cref="Total"/>
/// count work units over all phases of the test set (GSM8K: 2 per item; AQUA-RAT: 2 + 5 per item), so one
/// progress bar per test set fills monotonically to <see cref="Total"/>; <see cref="Items"/> is the number of test
/// items being evaluated.
/// </summary>
public sealed record EvaluationProgress(DatasetKind Dataset, EvaluationPhase Phase, int Done, int Total, int Items)
{
    public double Fraction => Total == 0 ? 1 : (double)Done / Total;
}
