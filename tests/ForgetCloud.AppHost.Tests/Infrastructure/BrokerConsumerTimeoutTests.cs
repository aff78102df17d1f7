using System.Diagnostics;
using System.Text.RegularExpressions;
using ForgetCloud.AppHost.Infrastructure;

namespace ForgetCloud.AppHost.Tests.Infrastructure;

/// <summary>The running broker, asked through rabbitmqctl, must hold deliveries for days, not RabbitMQ's 30 minutes.</summary>
[Collection(LocalServersCollection.Name)]
public sealed partial class BrokerConsumerTimeoutTests(LocalServersFixture fixture)
{
    [Fact]
    public async Task The_local_broker_runs_with_the_raised_consumer_timeout()
    {
        var epmd = ServerProcesses.StartedIn(fixture.DataDirectory).Single(p => p.CommandLine.Split(' ')[0].EndsWith("/epmd", StringComparison.Ordinal));
        var epmdPort = EpmdPort().Match(epmd.CommandLine).Groups[1].Value;
        var start = new ProcessStartInfo("/usr/lib/rabbitmq/bin/rabbitmqctl")
        {
            ArgumentList = { "-n", "forgetcloud@localhost", "eval", "application:get_env(rabbit, consumer_timeout)." },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        // The same cookie (HOME) and port mapper the AppHost gave the node.
        start.Environment["HOME"] = Path.Combine(fixture.DataDirectory, "rabbitmq", "home");
        start.Environment["ERL_EPMD_PORT"] = epmdPort;
        start.Environment["ERL_EPMD_ADDRESS"] = "127.0.0.1";
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var errors = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        // rabbitmqctl boots an Erlang VM of its own: seconds when idle, past half a minute on a loaded 2-core machine.
        await process.WaitForExitAsync(TestContext.Current.CancellationToken).WaitAsync(LocalServersFixture.StartTimeout, TestContext.Current.CancellationToken);

        var expected = (long)InfrastructureSettings.DefaultConsumerTimeout.TotalMilliseconds;
        Assert.True(process.ExitCode == 0, await errors);
        Assert.Equal($"{{ok,{expected}}}", (await output).Trim());
        Assert.Equal(604_800_000, expected); // 7 days, by hand: 7 * 24 * 3600 * 1000
    }

    [GeneratedRegex(@"-port (\d+)")]
    private static partial Regex EpmdPort();
}
