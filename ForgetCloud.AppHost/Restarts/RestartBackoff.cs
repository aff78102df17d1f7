namespace ForgetCloud.AppHost.Restarts;

/// <summary>
/// How long to wait before restarting a process that exited unexpectedly: <see cref="Initial"/>, doubled for each
/// further exit, at most <see cref="Maximum"/>; a process that stayed up for <see cref="StableAfter"/> starts the count
/// again. So a crash once in a while is restarted at once, and a crash loop costs little.
/// </summary>
public sealed record RestartBackoff(TimeSpan Initial, TimeSpan Maximum, TimeSpan StableAfter)
{
    public static RestartBackoff Default { get; } = new(TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(2));

    /// <summary>The wait before the restart that follows the <paramref name="exits"/>-th exit in a row (1 = the first).</summary>
    public TimeSpan Delay(int exits)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(exits, 1);
        // 2^30 x 1 s overflows TimeSpan long before; the cap is reached within a handful of exits anyway.
        var doublings = Math.Min(exits - 1, 30);
        var ticks = Math.Min((double)Initial.Ticks * Math.Pow(2, doublings), Maximum.Ticks);
        return TimeSpan.FromTicks((long)ticks);
    }

    /// <summary>The exits in a row after one more exit, given how long the process had been up.</summary>
    public int ExitsAfter(int previousExits, TimeSpan uptime) => uptime >= StableAfter ? 1 : previousExits + 1;
}
