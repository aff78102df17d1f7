using System.Text.Json;
using ForgetCloud.Learning.Diagnostics;
using ForgetCloud.Learning.Evaluation;
using ForgetCloud.Learning.Metrics;
using ForgetCloud.Learning.Study;
using ForgetCloud.Learning.Training;
using ForgetCloud.Reporting.Analysis;
using ForgetCloud.Reporting.History;
using ForgetCloud.Reporting.Output;
using ForgetCloud.Reporting.Plots;
using ForgetCloud.Reporting.Tests.TestSupport;

namespace ForgetCloud.Reporting.Tests.Output;

public sealed class CurvesAndDriftReportTests
{
    private static readonly AnalysisOptions Fast = new(Bootstrap: new BootstrapOptions(Resamples: 100));

    private static TrainingStepRecord Step(int stage, long step, CurvePoint? curve = null) =>
        new(stage, 0, step, 1.0, 1e-4, 0.5, 100, 40, 1000, TimeSpan.FromSeconds(step), false, curve);

    /// <summary>Stage 1: 10 steps, curves at 5 and 10; stage 2: 8 steps, curves at 5 and 8.</summary>
    private static IReadOnlyList<TrainingStepRecord> CurvedSteps(double forgetting) =>
    [
        .. Enumerable.Range(1, 10).Select(s => Step(1, s, s % 5 == 0 ? new CurvePoint(3.0 - (0.1 * s), 4.0) : null)),
        .. Enumerable.Range(1, 8).Select(s => Step(2, s, s is 5 or 8 ? new CurvePoint(2.0 + (forgetting * s), 4.0 - (0.2 * s)) : null)),
    ];

    [Fact]
    public void Curves_put_stage_two_after_stage_one_on_one_step_axis()
    {
        var arms = FakeStudy.Arms(1, "adamw", "muon");
        var history = TrainingHistory.Create(arms, new Dictionary<string, IReadOnlyList<TrainingStepRecord>>
        {
            [arms[0].Id] = CurvedSteps(0.05),
            [arms[1].Id] = [.. CurvedSteps(0.02).Where(s => s.Stage == 2)], // stage 1 trained elsewhere
        });

        var curves = ForgettingCurves.FromHistory(history);

        Assert.True(curves.Any);
        var adamw = curves.Arms.Single(a => a.ArmId == arms[0].Id);
        Assert.Equal(10, adamw.Stage1Steps);
        Assert.Equal([5L, 10, 15, 18], adamw.Points.Select(p => p.GlobalStep));
        Assert.Equal([1, 1, 2, 2], adamw.Points.Select(p => p.Stage));
        Assert.Equal(2.0 + (0.05 * 8), adamw.Points[^1].Gsm8kNll, 12);
        Assert.Equal(4.0 - (0.2 * 8), adamw.Points[^1].AquaRatNll, 12);
        var muon = curves.Arms.Single(a => a.ArmId == arms[1].Id);
        Assert.Equal(0, muon.Stage1Steps);
        Assert.Equal([5L, 8], muon.Points.Select(p => p.GlobalStep));
    }

    [Fact]
    public void A_history_without_curve_points_has_none()
    {
        var arms = FakeStudy.Arms(1, "adamw");
        Assert.False(ForgettingCurves.FromHistory(FakeStudy.Training(arms)).Any);
    }

    [Fact]
    public void Drift_is_grouped_by_arm_and_stage_and_averaged_by_layer_and_projection()
    {
        var arms = FakeStudy.Arms(1, "adamw", "muon");
        var report = WeightDriftReport.Create(arms, new Dictionary<(string, int), IReadOnlyList<ProjectionDrift>>
        {
            [(arms[1].Id, 2)] = [Drift(0, "q_proj", 0.1, 1.0), Drift(0, "v_proj", 0.3, 3.0), Drift(1, "q_proj", 0.5, 2.0)],
        });

        Assert.True(report.Any);
        Assert.Empty(report.Arms.Single(a => a.ArmId == arms[0].Id).Stages);
        var stage = report.Arms.Single(a => a.ArmId == arms[1].Id).Stages.Single();
        Assert.Equal(2, stage.Stage);
        Assert.Equal([(0, 0.2), (1, 0.5)], stage.ByLayer().Select(l => (l.Layer, Math.Round(l.RelativeChange, 12))));
        Assert.Equal([("q_proj", 1.5), ("v_proj", 3.0)], stage.ByProjection());
    }

    [Theory]
    [InlineData("nobody", 1, "unknown arm 'nobody'")]
    [InlineData(null, 0, "stage 0")]
    public void Drift_for_an_unknown_arm_or_stage_is_refused(string? armId, int stageNumber, string message)
    {
        var arms = FakeStudy.Arms(1, "adamw");
        var e = Assert.Throws<ArgumentException>(() => WeightDriftReport.Create(arms,
            new Dictionary<(string, int), IReadOnlyList<ProjectionDrift>> { [(armId ?? arms[0].Id, stageNumber)] = [Drift(0, "q_proj", 0.1, 1)] }));
        Assert.Contains(message, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_report_writes_curve_and_drift_files_with_their_plots()
    {
        var arms = FakeStudy.Arms(1, "adamw", "muon");
        var dir = Path.Combine(AppContext.BaseDirectory, "report-output", "curves-and-drift");
        if (Directory.Exists(dir)) Directory.Delete(dir, recursive: true);
        var training = TrainingHistory.Create(arms, new Dictionary<string, IReadOnlyList<TrainingStepRecord>>
        {
            [arms[0].Id] = CurvedSteps(0.05),
            [arms[1].Id] = CurvedSteps(0.02),
        });
        var drift = WeightDriftReport.Create(arms, new Dictionary<(string, int), IReadOnlyList<ProjectionDrift>>
        {
            [(arms[0].Id, 1)] = [Drift(0, "q_proj", 0.01, 0.2), Drift(1, "q_proj", 0.02, 0.3)],
            [(arms[0].Id, 2)] = [Drift(0, "q_proj", 0.005, 0.1), Drift(1, "q_proj", 0.006, 0.1)],
            [(arms[1].Id, 1)] = [Drift(0, "q_proj", 0.03, 0.9), Drift(1, "q_proj", 0.04, 1.1)],
            [(arms[1].Id, 2)] = [Drift(0, "q_proj", 0.02, 0.5), Drift(1, "q_proj", 0.02, 0.6)],
        });

        var written = StudyReport.Write(dir, StudyAnalyzer.Analyze(arms, FakeStudy.Evaluations(arms), Fast), Fast, training,
            StudyReportFixtures.Metadata(arms), drift);

        foreach (var name in new[] { ReportFileNames.ForgettingCurvesData, ReportFileNames.ForgettingCurves, ReportFileNames.WeightDriftData, ReportFileNames.WeightDrift })
            Assert.Contains(Path.Combine(dir, name), written);
        Assert.Equal((ForgettingCurvesPlot.Width, ForgettingCurvesPlot.Height), Png.Size(Path.Combine(dir, ReportFileNames.ForgettingCurves)));
        Assert.Equal((WeightDriftPlot.Width, WeightDriftPlot.Height), Png.Size(Path.Combine(dir, ReportFileNames.WeightDrift)));

        using var curves = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, ReportFileNames.ForgettingCurvesData)));
        Assert.Equal(1, curves.RootElement.GetProperty("schema_version").GetInt32());
        var point = curves.RootElement.GetProperty("arms")[0].GetProperty("points")[2];
        Assert.Equal(15, point.GetProperty("global_step").GetInt64());
        Assert.Equal(2.25, point.GetProperty("gsm8k_nll").GetDouble(), 12);
        using var driftJson = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, ReportFileNames.WeightDriftData)));
        var projection = driftJson.RootElement.GetProperty("arms")[1].GetProperty("stages")[0].GetProperty("projections")[1];
        Assert.Equal(0.04, projection.GetProperty("relative_change").GetDouble(), 12);
        Assert.Equal(1.1, projection.GetProperty("top_singular_value").GetDouble(), 12);
    }

    [Fact]
    public void Without_curves_or_drift_no_such_files_are_written()
    {
        var arms = FakeStudy.Arms(1, "adamw");
        var dir = Path.Combine(AppContext.BaseDirectory, "report-output", "no-curves");
        if (Directory.Exists(dir)) Directory.Delete(dir, recursive: true);

        StudyReport.Write(dir, StudyAnalyzer.Analyze(arms, FakeStudy.Evaluations(arms), Fast), Fast, FakeStudy.Training(arms),
            StudyReportFixtures.Metadata(arms), WeightDriftReport.Create(arms, new Dictionary<(string, int), IReadOnlyList<ProjectionDrift>>()));

        foreach (var name in new[] { ReportFileNames.ForgettingCurvesData, ReportFileNames.ForgettingCurves, ReportFileNames.WeightDriftData, ReportFileNames.WeightDrift })
            Assert.False(File.Exists(Path.Combine(dir, name)), name);
    }

    private static ProjectionDrift Drift(int layer, string projection, double relative, double top) =>
        new(layer, projection, 10, 10 * relative, relative, relative / 100, top);
}
