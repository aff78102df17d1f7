using ForgetCloud.AppHost.Restarts;

namespace ForgetCloud.AppHost.Tests.Infrastructure;

public sealed class WorkerRestartsTests
{
    private static readonly RestartBackoff Backoff = new(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(60), TimeSpan.FromMinutes(2));

    [Theory]
    [InlineData(1, 1)]
    [InlineData(2, 2)]
    [InlineData(3, 4)]
    [InlineData(6, 32)]
    [InlineData(7, 60)]  // 64 s capped
    [InlineData(40, 60)] // no overflow however long the crash loop
    public void The_delay_doubles_per_exit_in_a_row_up_to_the_cap(int exits, int seconds) =>
        Assert.Equal(TimeSpan.FromSeconds(seconds), Backoff.Delay(exits));

    [Fact]
    public void A_process_that_stayed_up_long_enough_starts_the_count_again()
    {
        Assert.Equal(4, Backoff.ExitsAfter(3, TimeSpan.FromSeconds(119)));
        Assert.Equal(1, Backoff.ExitsAfter(3, TimeSpan.FromMinutes(2)));
        Assert.Throws<ArgumentOutOfRangeException>(() => Backoff.Delay(0));
    }

    [Theory]
    [InlineData("Running", "Exited", 137, true)]    // kill -9
    [InlineData("Running", "Finished", 1, true)]    // an unhandled exception
    [InlineData("Running", "Exited", null, true)]   // no code reported: not known to be clean
    [InlineData("Running", "Finished", 0, false)]   // it ended on its own, cleanly
    [InlineData("Stopping", "Exited", 137, false)]  // stopped from the dashboard
    [InlineData("Starting", "FailedToStart", 1, false)]
    [InlineData("Running", "Running", 137, false)]
    public void Only_a_running_process_that_dies_without_a_stop_counts_as_unexpected(string previous, string state, int? exitCode, bool unexpected)
    {
        Assert.Equal(unexpected, WorkerRestarts.IsUnexpectedExit(previous, state, exitCode));
    }
}
