using ForgetCloud.Workers.Cancellation;

namespace ForgetCloud.EndToEnd.Tests.Workers;

public sealed class RunCancellationsTests
{
    [Fact]
    public async Task Work_that_finishes_reports_true()
    {
        var runs = new RunCancellations();
        var ran = false;

        Assert.True(await runs.RunAsync("r1", CancellationToken.None, _ => { ran = true; return Task.CompletedTask; }));
        Assert.True(ran);
    }

    [Fact]
    public async Task A_run_cancelled_before_skips_the_work_and_one_cancelled_during_abandons_it()
    {
        var runs = new RunCancellations();
        runs.Cancel("before");
        var ranBefore = false;
        Assert.False(await runs.RunAsync("before", CancellationToken.None, _ => { ranBefore = true; return Task.CompletedTask; }));
        Assert.False(ranBefore);

        var started = new TaskCompletionSource();
        var during = runs.RunAsync("during", CancellationToken.None, async token =>
        {
            started.SetResult();
            await Task.Delay(Timeout.Infinite, token);
        });
        await started.Task.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);
        runs.Cancel("during");
        Assert.False(await during.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken));
        Assert.False(runs.IsCancelled("other"));
    }

    [Fact]
    public async Task Failures_and_cancellations_of_the_message_itself_propagate()
    {
        var runs = new RunCancellations();
        await Assert.ThrowsAsync<InvalidDataException>(() => runs.RunAsync("r", CancellationToken.None, _ => throw new InvalidDataException("bad shard")));

        using var shutdown = new CancellationTokenSource();
        await shutdown.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => runs.RunAsync("r", shutdown.Token, token => Task.Delay(Timeout.Infinite, token)));
    }
}
