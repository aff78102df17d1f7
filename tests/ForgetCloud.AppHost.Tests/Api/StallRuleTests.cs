using ForgetCloud.Api.Runs;
using ForgetCloud.Contracts.Api;
using ForgetCloud.Contracts.Messages;
using Microsoft.Extensions.Time.Testing;
using ForgetCloud.Contracts.Lifecycle;

namespace ForgetCloud.AppHost.Tests.Api;

/// <summary>The stall rule with computed times: the clock is a <see cref="FakeTimeProvider"/> moved by hand.</summary>
public sealed class StallRuleTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);
    private static readonly IReadOnlyDictionary<string, double> None = new Dictionary<string, double>();
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 12, 4, 12, 0, 0, TimeSpan.Zero));

    private static StageDetails Stage(int stage, StageStatus status, int trainingAttempt = 1, int evaluationAttempt = 0) =>
        new(stage, status, 0, null, trainingAttempt, evaluationAttempt, null, null, null, null, None, None);

    private StageDetails Apply(StageDetails stage, Dictionary<string, RecordedHeartbeat> beats, StudyStatus run = StudyStatus.Running) =>
        StallRule.Apply(stage, "adamw", run, beats, _clock.GetUtcNow(), Timeout);

    [Fact]
    public void A_training_stage_stalls_once_its_last_heartbeat_is_older_than_the_timeout_and_recovers_with_the_next()
    {
        var training = Stage(1, StageStatus.Training);
        var beatAt = _clock.GetUtcNow();
        var beats = new Dictionary<string, RecordedHeartbeat> { [RecordedHeartbeat.KeyOf("adamw", 1, StageWork.Training)] = new(1, beatAt) };

        _clock.Advance(Timeout); // exactly the timeout: not yet
        Assert.Equal((StageStatus.Training, beatAt), (Apply(training, beats).Status, Apply(training, beats).LastHeartbeat));
        _clock.Advance(TimeSpan.FromMilliseconds(1));
        Assert.Equal((StageStatus.Stalled, beatAt), (Apply(training, beats).Status, Apply(training, beats).LastHeartbeat));

        var again = _clock.GetUtcNow();
        beats[RecordedHeartbeat.KeyOf("adamw", 1, StageWork.Training)] = new(1, again);
        Assert.Equal((StageStatus.Training, again), (Apply(training, beats).Status, Apply(training, beats).LastHeartbeat));
    }

    [Fact]
    public void An_evaluation_in_flight_goes_by_the_evaluation_heartbeat_of_its_attempt()
    {
        var evaluating = Stage(1, StageStatus.Evaluating, trainingAttempt: 1, evaluationAttempt: 2);
        var beats = new Dictionary<string, RecordedHeartbeat>
        {
            // Training's beats are old, attempt 1 of the evaluation failed long ago: neither says anything about attempt 2.
            [RecordedHeartbeat.KeyOf("adamw", 1, StageWork.Training)] = new(1, _clock.GetUtcNow()),
        };
        _clock.Advance(TimeSpan.FromMinutes(10));
        beats[RecordedHeartbeat.KeyOf("adamw", 1, StageWork.Evaluation)] = new(1, _clock.GetUtcNow() - TimeSpan.FromMinutes(5));
        Assert.Equal((StageStatus.Evaluating, (DateTimeOffset?)null), (Apply(evaluating, beats).Status, Apply(evaluating, beats).LastHeartbeat));

        beats[RecordedHeartbeat.KeyOf("adamw", 1, StageWork.Evaluation)] = new(2, _clock.GetUtcNow());
        _clock.Advance(TimeSpan.FromSeconds(61));
        Assert.Equal(StageStatus.Stalled, Apply(evaluating, beats).Status);
    }

    [Fact]
    public void A_command_no_worker_has_taken_up_yet_is_waiting_not_stalled()
    {
        _clock.Advance(TimeSpan.FromHours(1));
        var queued = Apply(Stage(1, StageStatus.Training), []);
        Assert.Equal((StageStatus.Training, (DateTimeOffset?)null), (queued.Status, queued.LastHeartbeat));
    }

    [Theory]
    [InlineData(StageStatus.Evaluated, StudyStatus.Running)]
    [InlineData(StageStatus.Pending, StudyStatus.Running)]
    [InlineData(StageStatus.Training, StudyStatus.Cancelled)]
    [InlineData(StageStatus.Training, StudyStatus.Failed)]
    public void Nothing_is_stalled_where_nothing_is_in_flight(StageStatus status, StudyStatus run)
    {
        var beats = new Dictionary<string, RecordedHeartbeat> { [RecordedHeartbeat.KeyOf("adamw", 1, StageWork.Training)] = new(1, _clock.GetUtcNow()) };
        _clock.Advance(TimeSpan.FromHours(1));
        var stage = Stage(1, status);
        Assert.Same(stage, Apply(stage, beats, run));
    }

    [Fact]
    public void A_run_shows_each_stage_by_its_own_heartbeats()
    {
        var started = _clock.GetUtcNow();
        var run = new RunDetails("r", StudyStatus.Running, null, started, 3, new RunProgress(0.1, 0, 3, 0, 2), null,
            [new ArmDetails("adamw", "adamw", 0, [Stage(0, StageStatus.Evaluating, 0, 1), Stage(1, StageStatus.Training), Stage(2, StageStatus.Pending, 0)])],
            [], null);
        var beats = new Dictionary<string, RecordedHeartbeat>
        {
            [RecordedHeartbeat.KeyOf("adamw", 0, StageWork.Evaluation)] = new(1, started),
            [RecordedHeartbeat.KeyOf("adamw", 1, StageWork.Training)] = new(1, started + TimeSpan.FromSeconds(50)),
        };
        _clock.Advance(TimeSpan.FromSeconds(90));

        var stages = StallRule.Apply(run, beats, _clock.GetUtcNow(), Timeout).Arms[0].Stages;

        Assert.Equal([StageStatus.Stalled, StageStatus.Training, StageStatus.Pending], stages.Select(s => s.Status));
        Assert.Equal([started, started + TimeSpan.FromSeconds(50), null], stages.Select(s => s.LastHeartbeat));
    }

    [Fact]
    public void A_stored_heartbeat_reads_back_and_a_corrupt_one_is_refused()
    {
        var at = DateTimeOffset.FromUnixTimeMilliseconds(1_780_000_000_123);
        Assert.Equal(new RecordedHeartbeat(3, at), RecordedHeartbeat.Parse($"3:{at.ToUnixTimeMilliseconds()}"));
        Assert.Throws<InvalidDataException>(() => RecordedHeartbeat.Parse("3"));
        Assert.Throws<InvalidDataException>(() => RecordedHeartbeat.Parse("x:1"));
    }
}
