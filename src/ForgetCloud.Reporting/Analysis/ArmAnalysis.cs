namespace ForgetCloud.Reporting.Analysis;

/// <summary>Everything about one arm (one optimizer, one seed).</summary>
/// <param name="Stages">Scores of the base model and after each stage, ordered by stage.</param>
/// <param name="Accuracy">Primary accuracies (see <see cref="AnalysisOptions"/>): matrix, forgetting, differences.</param>
/// <param name="Nll">Answer NLL (GSM8K) and rationale NLL (AQUA-RAT): matrix, forgetting, differences.</param>
/// <param name="Final">The original framework's own <c>final_results.json</c> content for this arm, keys as the seed wrote them:
/// <c>gsm8k</c> and <c>aqua_rat</c> (its metric dictionaries after stage 2) and <c>forgetting</c>
/// (<c>gsm8k_aqua_performance_gap</c>, <c>average_performance</c>, <c>performance_balance</c>).</param>
public sealed record ArmAnalysis(
    string ArmId,
    string Optimizer,
    int Seed,
    IReadOnlyList<StageScores> Stages,
    MetricAnalysis Accuracy,
    MetricAnalysis Nll,
    IReadOnlyDictionary<string, IReadOnlyDictionary<string, double>> Final);
