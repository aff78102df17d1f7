using ForgetCloud.Contracts.Configuration;
using ForgetCloud.Api.Orchestration;
using ForgetCloud.Api.Runs;
using ForgetCloud.Api.Submissions;
using ForgetCloud.Contracts.Api;
using M = ForgetCloud.Contracts.Messages;
using W = ForgetCloud.Learning.Study;
using ForgetCloud.Contracts.Lifecycle;

namespace ForgetCloud.AppHost.Tests.Api;

/// <summary>Messages <-> workflow, without any server.</summary>
public sealed class StudyMessageMappingTests
{
    private const string RunId = "r1";
    private const string ConfigRef = "runs/r1/config.yaml";

    private static W.StudyState Started() =>
        W.StudyWorkflow.Apply(W.StudyState.New(RunId), new W.StudyStarted(new W.StudyOptions(ConfigRef, [ArmSpec.For(OptimizerKind.Muon, 7)]))).State;

    [Fact]
    public void The_one_status_vocabulary_is_snake_case_on_the_api_and_unchanged_in_stored_state()
    {
        var api = ForgetCloudApiJson.CreateOptions();
        Assert.Equal("\"analyzing\"", System.Text.Json.JsonSerializer.Serialize(StudyStatus.Analyzing, api));
        Assert.Equal("\"stalled\"", System.Text.Json.JsonSerializer.Serialize(StageStatus.Stalled, api));
        // The run store and study_state.json keep the names they had (the type's own converter).
        Assert.Equal("\"Analyzing\"", System.Text.Json.JsonSerializer.Serialize(StudyStatus.Analyzing));
        Assert.Equal(StageStatus.Evaluating, System.Text.Json.JsonSerializer.Deserialize<StageStatus>("\"Evaluating\""));
    }

    [Fact]
    public void A_train_command_becomes_a_message_with_the_runs_config_and_datasets()
    {
        var state = Started() with { DatasetRefs = ["datasets/a/", "datasets/b/"] };
        var command = new W.TrainStage("muon_seed7", "muon", 7, 2, new W.CheckpointRef("runs/r1/muon_seed7/checkpoints/stage1/step_24/", 24), null, 3);

        var message = Assert.IsType<M.TrainStage>(StudyMessageMapping.ToMessage(state, command));

        Assert.Equal((RunId, "muon_seed7", "muon", 7, 2, 3, ConfigRef), (message.RunId, message.ArmId, message.Optimizer, message.Seed, message.Stage, message.Attempt, message.ConfigRef));
        Assert.Equal(new M.CheckpointLocation("runs/r1/muon_seed7/checkpoints/stage1/step_24/", 24), message.InitFrom);
        Assert.Null(message.ResumeFrom);
        Assert.Equal(["datasets/a/", "datasets/b/"], message.DatasetRefs);
    }

    [Fact]
    public void Ending_commands_publish_nothing_and_cancel_work_becomes_cancel_run()
    {
        var state = Started();

        Assert.Null(StudyMessageMapping.ToMessage(state, new W.CompleteStudy("runs/r1/report/final_results.json")));
        Assert.Null(StudyMessageMapping.ToMessage(state, new W.FailStudy("broken")));
        Assert.Equal(new M.CancelRun(RunId, "stop"), StudyMessageMapping.ToMessage(state, new W.CancelWork("stop")));
        var analyze = Assert.IsType<M.AnalyzeStudy>(StudyMessageMapping.ToMessage(state, new W.AnalyzeStudy([new W.EvaluationRef("muon_seed7", 0, "e0"), new W.EvaluationRef("muon_seed7", 1, "e1")])));
        Assert.Equal([new M.EvaluationLocation("muon_seed7", 0, "e0"), new M.EvaluationLocation("muon_seed7", 1, "e1")], analyze.Evaluations);
    }

    [Fact]
    public void Event_messages_carry_every_field_into_the_workflow_event()
    {
        var checkpoint = new M.CheckpointLocation("runs/r1/muon_seed7/checkpoints/stage1/step_8/", 8);

        Assert.Equal(new W.StageCheckpointSaved("muon_seed7", 1, new W.CheckpointRef(checkpoint.Location, 8), true),
            StudyMessageMapping.ToEvent(new M.StageCheckpointSaved(RunId, "muon_seed7", 1, checkpoint, true)));
        Assert.Equal(new W.StageProgress("muon_seed7", 1, 5, 24), StudyMessageMapping.ToEvent(new M.StageProgress(RunId, "muon_seed7", 1, 5, 24)));
        Assert.Equal(new W.StageFailed("muon_seed7", 2, "oom", 2), StudyMessageMapping.ToEvent(new M.StageFailed(RunId, "muon_seed7", 2, "oom", 2)));
        Assert.Equal(new W.EvaluationFailed("muon_seed7", 0, "io", 1), StudyMessageMapping.ToEvent(new M.EvaluationFailed(RunId, "muon_seed7", 0, "io", 1)));
        Assert.Equal(new W.CheckpointEvaluated("muon_seed7", 0, "e0"), StudyMessageMapping.ToEvent(new M.CheckpointEvaluated(RunId, "muon_seed7", 0, "e0")));
        Assert.Equal(new W.AnalysisCompleted("rep"), StudyMessageMapping.ToEvent(new M.AnalysisCompleted(RunId, "rep")));
        Assert.Equal(new W.DatasetsPrepared(["d1", "d2"]), StudyMessageMapping.ToEvent(new M.DatasetsPrepared(RunId, ["d1", "d2"])));
    }

    [Fact]
    public void A_duplicated_event_message_is_ignored_and_issues_no_commands()
    {
        var message = new M.DatasetsPrepared(RunId, ["datasets/a/"]);
        var first = W.StudyWorkflow.Apply(Started(), StudyMessageMapping.ToEvent(message));

        var second = W.StudyWorkflow.Apply(first.State, StudyMessageMapping.ToEvent(message));

        Assert.Equal(2, first.Commands.Length); // evaluate the base, train stage 1
        Assert.True(second.WasIgnored);
        Assert.Empty(second.Commands);
        Assert.Same(first.State, second.State);
    }

    [Fact]
    public void Metrics_come_only_from_messages_that_carry_some()
    {
        var loss = new Dictionary<string, double> { ["loss"] = 1.5 };

        Assert.Equal(new StageMetrics("a", 1, StageMetricsKind.Training, loss), StudyMessageMapping.MetricsOf(new M.StageProgress(RunId, "a", 1, 3, null, loss)));
        Assert.Equal(StageMetricsKind.Evaluation, StudyMessageMapping.MetricsOf(new M.CheckpointEvaluated(RunId, "a", 0, "e", loss))!.Kind);
        Assert.Null(StudyMessageMapping.MetricsOf(new M.StageProgress(RunId, "a", 1, 3)));
        Assert.Null(StudyMessageMapping.MetricsOf(new M.StageProgress(RunId, "a", 1, 3, null, new Dictionary<string, double>())));
        Assert.Null(StudyMessageMapping.MetricsOf(new M.DatasetsPrepared(RunId, [])));
    }

    [Theory]
    [InlineData("--resume-stage1", "resume_stage1")]
    [InlineData("--compare-optimizers", "compare_optimizers")]
    [InlineData("--seeds", "seeds")]
    [InlineData("", "config")]
    [InlineData("training.stage1.learning_rate", "training.stage1.learning_rate")]
    public void Flag_errors_are_keyed_by_the_api_field_name(string path, string key) =>
        Assert.Equal(key, RunSubmissionValidator.FlagKey(path));

    [Fact]
    public void Faults_of_preparation_and_analysis_become_failure_events_naming_the_exception()
    {
        var prepare = new MassTransit.Events.FaultEvent<M.PrepareDatasets>(new M.PrepareDatasets(RunId, ConfigRef), Guid.NewGuid(), null!,
            new ArgumentException("model '/m' is not an existing directory"), [typeof(M.PrepareDatasets).FullName!]);
        var analyze = new MassTransit.Events.FaultEvent<M.AnalyzeStudy>(new M.AnalyzeStudy(RunId, [], ConfigRef, []), Guid.NewGuid(), null!,
            new IOException("disk full"), [typeof(M.AnalyzeStudy).FullName!]);

        Assert.Equal(new W.PreparationFailed("ArgumentException: model '/m' is not an existing directory"), StudyMessageMapping.ToEvent(prepare));
        Assert.Equal(new W.AnalysisFailed("IOException: disk full"), StudyMessageMapping.ToEvent(analyze));
    }
}
