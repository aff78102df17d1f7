using ForgetCloud.Reporting.Analysis;
using ForgetCloud.Reporting.History;
using ForgetCloud.Reporting.Plots;

namespace ForgetCloud.Reporting.Output;

/// <summary>Writes a study's JSON files and plots into its <c>logs/</c> directory.</summary>
public static class StudyReport
{
    /// <summary>
    /// Writes experiment_metadata.json, training_history.json, evaluation_history.json, final_results.json,
    /// training_curves.png, evaluation_curves.png, forgetting_analysis.png, optimizer_comparison.png when the
    /// analysis has more than one optimizer, forgetting_curves.json and .png when training measured curves, and
    /// weight_drift.json and .png when <paramref name="drift"/> holds measurements. Returns the paths written.
    /// </summary>
    public static IReadOnlyList<string> Write(
        string logsDirectory,
        StudyAnalysis analysis,
        AnalysisOptions options,
        TrainingHistory training,
        ExperimentMetadata metadata,
        WeightDriftReport? drift = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(logsDirectory);
        ArgumentNullException.ThrowIfNull(analysis);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(training);
        ArgumentNullException.ThrowIfNull(metadata);
        Directory.CreateDirectory(logsDirectory);
        var written = new List<string>();
        void Json<T>(string name, T value)
        {
            var path = Path.Combine(logsDirectory, name);
            ReportJson.Write(path, value);
            written.Add(path);
        }

        void Png(string name, Action<string> render)
        {
            var path = Path.Combine(logsDirectory, name);
            render(path);
            written.Add(path);
        }

        Json(ReportFileNames.ExperimentMetadata, metadata);
        Json(ReportFileNames.TrainingHistory, training);
        Json(ReportFileNames.EvaluationHistory, EvaluationHistory.FromAnalysis(analysis, options));
        Json(ReportFileNames.FinalResults, analysis);
        Png(ReportFileNames.TrainingCurves, path => TrainingCurvesPlot.Save(training, path));
        Png(ReportFileNames.EvaluationCurves, path => EvaluationCurvesPlot.Save(analysis, path));
        Png(ReportFileNames.ForgettingAnalysis, path => ForgettingAnalysisPlot.Save(analysis, path));
        if (analysis.Optimizers.Count > 1)
        {
            Png(ReportFileNames.OptimizerComparison, path => OptimizerComparisonPlot.Save(analysis, path));
        }

        var curves = ForgettingCurves.FromHistory(training);
        if (curves.Any)
        {
            Json(ReportFileNames.ForgettingCurvesData, curves);
            Png(ReportFileNames.ForgettingCurves, path => ForgettingCurvesPlot.Save(curves, path));
        }

        if (drift is { Any: true })
        {
            Json(ReportFileNames.WeightDriftData, drift);
            Png(ReportFileNames.WeightDrift, path => WeightDriftPlot.Save(drift, path));
        }

        return written;
    }
}
