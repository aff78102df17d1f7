using ForgetCloud.Contracts.Configuration;
using System.Text.Json;
using ForgetCloud.Learning.Metrics;
using ForgetCloud.Learning.Study;
using ForgetCloud.Reporting.Analysis;
using ForgetCloud.Reporting.History;
using ForgetCloud.Reporting.Output;
using ForgetCloud.Reporting.Plots;
using ForgetCloud.Reporting.Tests.TestSupport;

namespace ForgetCloud.Reporting.Tests.Output;

public class StudyReportTests
{
    private static readonly AnalysisOptions Fast = new(Bootstrap: new BootstrapOptions(Resamples: 200));

    /// <summary>Kept under the test output folder (not deleted) so the PNGs can be opened and looked at.</summary>
    private static string OutputDirectory(string name)
    {
        var dir = Path.Combine(AppContext.BaseDirectory, "report-output", name);
        if (Directory.Exists(dir))
        {
            Directory.Delete(dir, recursive: true);
        }

        return dir;
    }

    private static (string Dir, IReadOnlyList<StageEvaluationTuple> Items) WriteStudy(string name, IReadOnlyList<ArmSpec> arms)
    {
        var evaluations = FakeStudy.Evaluations(arms);
        var analysis = StudyAnalyzer.Analyze(arms, evaluations, Fast);
        var metadata = StudyReportFixtures.Metadata(arms);
        var dir = OutputDirectory(name);
        StudyReport.Write(dir, analysis, Fast, FakeStudy.Training(arms), metadata);
        return (dir, evaluations.Select(e => new StageEvaluationTuple(e.ArmId, e.Stage, e)).ToArray());
    }

    internal sealed record StageEvaluationTuple(string ArmId, int Stage, ForgetCloud.Learning.Evaluation.StageEvaluation Evaluation);

    [Fact]
    public void Final_results_agree_with_evaluation_history_and_with_the_items()
    {
        var (dir, items) = WriteStudy("agreement", FakeStudy.Arms(1, "adamw", "muon"));
        using var final = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, ReportFileNames.FinalResults)));
        using var history = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, ReportFileNames.EvaluationHistory)));

        var entries = history.RootElement.GetProperty("entries").EnumerateArray().ToArray();
        Assert.Equal(6, entries.Length);
        foreach (var arm in final.RootElement.GetProperty("arms").EnumerateArray())
        {
            var armId = arm.GetProperty("arm_id").GetString()!;
            var accuracy = arm.GetProperty("accuracy").GetProperty("matrix");
            var nll = arm.GetProperty("nll").GetProperty("matrix");
            foreach (var stageEntry in arm.GetProperty("stages").EnumerateArray())
            {
                var stage = stageEntry.GetProperty("stage").GetInt32();
                var entry = entries.Single(e => e.GetProperty("arm_id").GetString() == armId && e.GetProperty("stage").GetInt32() == stage);
                var e = items.Single(x => x.ArmId == armId && x.Stage == stage).Evaluation;

                double Estimate(JsonElement scores, string task, string key) => scores.GetProperty(task).GetProperty(key).GetProperty("estimate").GetDouble();
                var fromItemsFlexible = e.Gsm8k.Count(x => x.FlexibleCorrect) / (double)e.Gsm8k.Count;
                var fromItemsNll = e.Gsm8k.Sum(x => x.AnswerNllSum) / e.Gsm8k.Sum(x => x.AnswerTokens);
                var fromItemsAqua = e.AquaRat.Count(x => x.Correct) / (double)e.AquaRat.Count;
                var fromItemsRationale = e.AquaRat.Sum(x => x.RationaleNllSum) / e.AquaRat.Sum(x => x.RationaleTokens);

                Assert.Equal(fromItemsFlexible, Estimate(stageEntry, "gsm8k", "flexible_accuracy"), 12);
                Assert.Equal(fromItemsFlexible, Estimate(entry, "gsm8k", "flexible_accuracy"), 12);
                Assert.Equal(fromItemsFlexible, accuracy[stage][0].GetDouble(), 12);
                Assert.Equal(fromItemsFlexible, entry.GetProperty("metrics").GetProperty("gsm8k").GetProperty("accuracy").GetDouble(), 12);
                Assert.Equal(fromItemsNll, Estimate(stageEntry, "gsm8k", "answer_nll"), 12);
                Assert.Equal(fromItemsNll, Estimate(entry, "gsm8k", "answer_nll"), 12);
                Assert.Equal(fromItemsNll, nll[stage][0].GetDouble(), 12);
                Assert.Equal(fromItemsAqua, Estimate(entry, "aqua_rat", "accuracy"), 12);
                Assert.Equal(fromItemsAqua, accuracy[stage][1].GetDouble(), 12);
                Assert.Equal(fromItemsRationale, Estimate(entry, "aqua_rat", "rationale_nll"), 12);
                Assert.Equal(fromItemsRationale, nll[stage][1].GetDouble(), 12);
                // Whole score objects are identical in both files.
                Assert.True(JsonElement.DeepEquals(stageEntry.GetProperty("gsm8k"), entry.GetProperty("gsm8k")));
                Assert.True(JsonElement.DeepEquals(stageEntry.GetProperty("aqua_rat"), entry.GetProperty("aqua_rat")));
            }
        }

        Assert.Equal("higher_is_better", final.RootElement.GetProperty("arms")[0].GetProperty("accuracy").GetProperty("direction").GetString());
    }

    [Fact]
    public void Every_file_round_trips_through_its_record()
    {
        var (dir, _) = WriteStudy("roundtrip", FakeStudy.Arms(2, "adamw", "muon"));

        void RoundTrip<T>(string name)
        {
            var path = Path.Combine(dir, name);
            var text = File.ReadAllText(path);
            Assert.Equal(text, ReportJson.Serialize(ReportJson.Read<T>(path)));
        }

        RoundTrip<StudyAnalysis>(ReportFileNames.FinalResults);
        RoundTrip<EvaluationHistory>(ReportFileNames.EvaluationHistory);
        RoundTrip<TrainingHistory>(ReportFileNames.TrainingHistory);
        RoundTrip<ExperimentMetadata>(ReportFileNames.ExperimentMetadata);

        using var metadata = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, ReportFileNames.ExperimentMetadata)));
        Assert.Equal(750, metadata.RootElement.GetProperty("total_duration").GetDouble());
        Assert.Equal(2.5, metadata.RootElement.GetProperty("model_info").GetProperty("trainable_percentage").GetDouble(), 12);
        using var training = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, ReportFileNames.TrainingHistory)));
        var stage = training.RootElement.GetProperty("arms")[0].GetProperty("stages")[0];
        Assert.Equal(stage.GetProperty("steps").GetArrayLength(), stage.GetProperty("losses").GetArrayLength());
        Assert.Equal(stage.GetProperty("steps")[5].GetProperty("loss").GetDouble(), stage.GetProperty("losses")[5].GetDouble());
    }

    [Fact]
    public void Reading_a_broken_file_names_it()
    {
        var dir = OutputDirectory("broken");
        Directory.CreateDirectory(dir);
        var path = Path.Combine(dir, "final_results.json");
        File.WriteAllText(path, "{ \"arms\": [ ");
        var error = Assert.Throws<InvalidDataException>(() => ReportJson.Read<StudyAnalysis>(path));
        Assert.Contains(path, error.Message);
    }

    [Fact]
    public void Plots_are_pngs_of_the_documented_sizes()
    {
        var (dir, _) = WriteStudy("plots", FakeStudy.Arms(1, "adamw", "muon"));

        Assert.Equal((TrainingCurvesPlot.Width, TrainingCurvesPlot.Height), Png.Size(Path.Combine(dir, ReportFileNames.TrainingCurves)));
        Assert.Equal((EvaluationCurvesPlot.Width, EvaluationCurvesPlot.Height), Png.Size(Path.Combine(dir, ReportFileNames.EvaluationCurves)));
        Assert.Equal((ForgettingAnalysisPlot.Width, ForgettingAnalysisPlot.Height), Png.Size(Path.Combine(dir, ReportFileNames.ForgettingAnalysis)));
        Assert.Equal((OptimizerComparisonPlot.Width, OptimizerComparisonPlot.Height), Png.Size(Path.Combine(dir, ReportFileNames.OptimizerComparison)));
    }

    [Fact]
    public void A_single_optimizer_study_has_no_comparison_plot_and_several_seeds_plot()
    {
        var (single, _) = WriteStudy("single", FakeStudy.Arms(1, "muon"));
        Assert.False(File.Exists(Path.Combine(single, ReportFileNames.OptimizerComparison)));
        Assert.True(File.Exists(Path.Combine(single, ReportFileNames.ForgettingAnalysis)));

        var (seeds, _) = WriteStudy("seeds", FakeStudy.Arms(3, "adamw", "muon"));
        Assert.Equal((OptimizerComparisonPlot.Width, OptimizerComparisonPlot.Height), Png.Size(Path.Combine(seeds, ReportFileNames.OptimizerComparison)));
    }
}
