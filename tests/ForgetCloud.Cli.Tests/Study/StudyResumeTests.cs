using ForgetCloud.Cli.Study;
using ForgetCloud.Cli.Tests.TestSupport;
using ForgetCloud.Learning.Study;
using ForgetCloud.Contracts.Lifecycle;

namespace ForgetCloud.Cli.Tests.Study;

[Collection(nameof(StudyCollection))]
public sealed class StudyResumeTests
{
    [Fact]
    public async Task A_study_stopped_after_its_first_checkpoint_resumes_to_the_results_of_an_uninterrupted_run()
    {
        using var temp = new TempDirectory();
        var config = StudyFixture.WriteSmokeConfig(temp.Path, small: true);
        var token = TestContext.Current.CancellationToken;

        var whole = temp.Sub("whole");
        Assert.Equal(StudyOutcome.Completed, await Run(config, whole, null, token));

        // Stop as soon as stage 1 reaches its first checkpoint step (save_interval 4): the trainer saves there and returns.
        var split = temp.Sub("split");
        using var stop = new CancellationTokenSource();
        var events = new List<StudyEvent>();
        var first = await Run(config, split, e =>
        {
            events.Add(e);
            if (e is StageProgress { Stage: 1, Step: 4 }) stop.Cancel();
        }, stop.Token);
        Assert.Equal(StudyOutcome.Stopped, first);
        var saved = Assert.Single(events.OfType<StageCheckpointSaved>());
        Assert.False(saved.IsFinal);
        Assert.Equal(4, saved.Checkpoint.Step);
        Assert.False(File.Exists(Path.Combine(split, "logs", "final_results.json")));

        var resumedEvents = new List<StudyEvent>();
        Assert.Equal(StudyOutcome.Completed, await Run(config, split, resumedEvents.Add, token));
        // The rerun trained stage 1 from step 5 on, not from the start, and did not evaluate the base again.
        Assert.Equal(5, resumedEvents.OfType<StageProgress>().First(p => p.Stage == 1).Step);
        Assert.DoesNotContain(resumedEvents, e => e is CheckpointEvaluated { Stage: 0 });

        string Results(string root) => File.ReadAllText(Path.Combine(root, "logs", "final_results.json")).Replace(root, "<out>", StringComparison.Ordinal);
        Assert.Equal(Results(whole), Results(split));
        Assert.Contains("resuming the study", File.ReadAllText(Path.Combine(split, "logs", "training.log")), StringComparison.Ordinal);

        // Running a completed study again changes nothing.
        Assert.Equal(StudyOutcome.Completed, await Run(config, split, null, token));
        Assert.Equal(Results(whole), Results(split));
    }

    [Fact]
    public async Task A_training_that_throws_fails_the_study_through_the_workflow_and_a_rerun_retries_it()
    {
        using var temp = new TempDirectory();
        var config = StudyFixture.WriteSmokeConfig(temp.Path, small: true);
        var output = temp.Sub("out");
        var token = TestContext.Current.CancellationToken;

        // A step of stage 1 throws, as a full disk would: the executor reports StageFailed and the workflow (one
        // attempt in the CLI) fails the study, which ends the run with one clear error.
        var events = new List<StudyEvent>();
        var failure = await Assert.ThrowsAsync<CliException>(() => Run(config, output, e =>
        {
            events.Add(e);
            if (e is StageProgress { Stage: 1, Step: 3 }) throw new IOException("No space left on device");
        }, token));
        const string reason = "arm adamw stage 1: training failed after 1 attempts: IOException: No space left on device";
        Assert.Equal($"the study failed: {reason}", failure.Message);
        Assert.Equal(new StageFailed("adamw", 1, "IOException: No space left on device", 1), events.OfType<StageFailed>().Single());
        var saved = PersistedStudy.TryLoad(Path.Combine(output, StudyPlan.StateFileName))!;
        Assert.Equal((StudyStatus.Failed, reason), (saved.State.Status, saved.State.StatusReason));
        Assert.Equal(StageStatus.Failed, saved.State.Arms[0].Stage(1).Status);
        var log = File.ReadAllText(Path.Combine(output, "logs", "training.log"));
        Assert.Contains("train adamw stage 1 failed: No space left on device", log, StringComparison.Ordinal);
        Assert.Contains("   at ForgetCloud.Cli.Tests", log, StringComparison.Ordinal); // the stack trace: in the file only

        // The same command again retries the failed stage and completes the study.
        var retried = new List<StudyEvent>();
        Assert.Equal(StudyOutcome.Completed, await Run(config, output, retried.Add, token));
        Assert.Contains(retried, e => e is StageCheckpointSaved { Stage: 1, IsFinal: true });
        Assert.True(File.Exists(Path.Combine(output, "logs", "final_results.json")));
        Assert.Contains("the last run of this study failed", File.ReadAllText(Path.Combine(output, "logs", "training.log")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_same_output_folder_with_other_flags_is_refused()
    {
        using var temp = new TempDirectory();
        var config = StudyFixture.WriteSmokeConfig(temp.Path, small: true);
        var output = temp.Sub("out");
        using var stop = new CancellationTokenSource();
        await Run(config, output, e => { if (e is DatasetsPrepared) stop.Cancel(); }, stop.Token);

        var run = await InProcessCli.RunAsync("study", "--config", config, "--output-dir", output, "--optimizer", "muon");
        var line = run.AssertOneLineError();
        Assert.Contains("holds a different study", line, StringComparison.Ordinal);
        Assert.Contains("choose another --output-dir", line, StringComparison.Ordinal);
    }

    private static async Task<StudyOutcome> Run(string config, string output, Action<StudyEvent>? observer, CancellationToken token)
    {
        var flags = ForgetCloud.Cli.Commands.StudyCommand.Validated(new() { ConfigPath = config, OutputDir = output });
        var services = new CliServices(TextWriter.Null, TextWriter.Null, () => throw new InvalidOperationException("no hub in tests"), false);
        return await new InProcessStudyExecutor(ForgetCloud.Cli.Commands.StudyCommand.Plan(flags), services, observer).RunAsync(token);
    }
}
