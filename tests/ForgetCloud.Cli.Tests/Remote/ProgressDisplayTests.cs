using ForgetCloud.Cli.Remote;
using ForgetCloud.Contracts.Api;
using ForgetCloud.Contracts.Lifecycle;

namespace ForgetCloud.Cli.Tests.Remote;

/// <summary>The two ways a followed run is shown.</summary>
public sealed class ProgressDisplayTests
{
    private static RunEvent Event(double progress, StudyStatus status, string description, int second) =>
        new("r1", 1, status, "StageProgress", description, progress, [], new DateTimeOffset(2026, 1, 2, 3, 4, second, TimeSpan.Zero));

    [Fact]
    public void Log_lines_carry_time_percent_status_and_description()
    {
        using var output = new StringWriter();
        var display = new ProgressLogDisplay(output);
        display.Show(Event(0.25, StudyStatus.Running, "adamw stage 1 step 3/12", 5));
        Assert.Equal("2026-01-02T03:04:05Z  25.0% Running   StageProgress: adamw stage 1 step 3/12" + Environment.NewLine, output.ToString());
    }

    [Fact]
    public void The_bar_redraws_one_line_and_extrapolates_an_eta()
    {
        using var output = new StringWriter();
        var time = new ManualTime(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
        var display = new ProgressBarDisplay(output, () => 200, time);

        display.Show(Event(0.0, StudyStatus.Running, "start", 0));
        time.Advance(TimeSpan.FromSeconds(60));
        display.Show(Event(0.5, StudyStatus.Running, "half", 0)); // 50% in 60 s -> 60 s to go
        display.Finish();

        var frames = output.ToString().Split('\r', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("[------------------------]   0.0%  Running  start", frames[0]);
        Assert.Equal("[############------------]  50.0%  Running  ETA 1m  half" + Environment.NewLine, frames[1]);
    }

    private sealed class ManualTime(DateTimeOffset now) : TimeProvider
    {
        private DateTimeOffset _now = now;
        public void Advance(TimeSpan by) => _now += by;
        public override DateTimeOffset GetUtcNow() => _now;
    }
}
