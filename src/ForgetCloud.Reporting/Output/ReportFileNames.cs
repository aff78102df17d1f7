namespace ForgetCloud.Reporting.Output;

/// <summary>The original framework's file names in <c>logs/</c>, plus <c>optimizer_comparison.png</c> and the forgetting curves.</summary>
public static class ReportFileNames
{
    public const string ExperimentMetadata = "experiment_metadata.json";
    public const string TrainingHistory = "training_history.json";
    public const string EvaluationHistory = "evaluation_history.json";
    public const string FinalResults = "final_results.json";
    public const string TrainingCurves = "training_curves.png";
    public const string EvaluationCurves = "evaluation_curves.png";
    public const string ForgettingAnalysis = "forgetting_analysis.png";
    public const string OptimizerComparison = "optimizer_comparison.png";
    public const string ForgettingCurvesData = "forgetting_curves.json";
    public const string ForgettingCurves = "forgetting_curves.png";
    public const string WeightDriftData = "weight_drift.json";
    public const string WeightDrift = "weight_drift.png";
}
